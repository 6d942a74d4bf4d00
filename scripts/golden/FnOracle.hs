-- FnOracle: evaluates Tidal *expressions* (not just mini-notation strings) with the real
-- TidalCycles library, for the language golden file.
--
-- The expressions live in a module `FnCases` that scripts/golden/gen-functions.py writes
-- from its case list, so the text a test feeds to Tala's shell and the code compiled here
-- are the same characters. This file is only the driver; it is built by gen-functions.py:
--
--   ghc -O0 -package tidal -i<dir of FnCases.hs>:/work/shared/tools/tidal-oracle \
--       -outputdir /tmp/fn-oracle/build -o /tmp/fn-oracle/fnoracle FnOracle.hs
--
-- stdin, one query per line (space-separated):   RECORD-ID  EXPRESSION-KEY  BEGIN  END
-- stdout, one JSON object per line:              {"id":RECORD-ID, "ok":..., "events":[...]}
-- BEGIN/END are "n" or "n/d". Rendering, sorting, time limits and exception capture come
-- from the mini-notation oracle's Oracle.hs, so both golden files share one format.
module Main (main) where

import qualified Data.Map.Strict as Map
import System.IO
import Sound.Tidal.Context (Arc, ArcF (..))

import Oracle (AnyPat, jsonStr, readTime, runAnyPat)
import FnCases (cases)

main :: IO ()
main = do
  hSetEncoding stdin utf8
  hSetEncoding stdout utf8
  hSetBuffering stdout LineBuffering
  let table = Map.fromList cases
  inp <- getContents
  mapM_ (answer table) (filter (not . null) (lines inp))

answer :: Map.Map String AnyPat -> String -> IO ()
answer table l = case words l of
  [rid, key, b, e] -> case Map.lookup key table of
    Nothing -> putStrLn (prefix rid ++ "\"ok\":false,\"error\":\"unknown expression key\"}")
    Just p -> do
      -- 20 s per query; an exception becomes {"ok":false,"error":"runtime",...}
      out <- runAnyPat 20000000 p (Arc (readTime b) (readTime e) :: Arc)
      putStrLn (prefix rid ++ out ++ "}")
  _ -> putStrLn ("{\"id\":null,\"ok\":false,\"error\":\"bad input line\",\"line\":" ++ jsonStr l ++ "}")
  where
    prefix rid = "{\"id\":" ++ jsonStr rid ++ ","
