{-# LANGUAGE BangPatterns #-}
{-# LANGUAGE OverloadedStrings #-}
-- TidalBench: the TidalCycles side of Tala's pattern-query benchmark.
--
-- For each of the three mini-notation strings that Benchmarks/tala-bench measures, parse it as
-- a Pattern String, query 1,000 consecutive cycles one cycle per query, force every event
-- (times and value), and time the pass. Like tala-bench it keeps the best of 5 passes.
-- Prints one line per pattern:
--
--   tidal <index> <events> <seconds>
--
-- index is 1-based (the order of the list below), events is the number of events one pass
-- returns, seconds is the wall time of the best pass. After the three strings come issue 14's
-- two expressions (`expressions`, control patterns), indices 4 and 5, timed the same way.
--
-- Build (outside CI; needs ghc and libghc-tidal-dev, e.g. from
-- /work/shared/tools/tidal-oracle/build.sh):
--
--   ghc -O2 -package tidal -outputdir /tmp/tidal-bench -o /tmp/tidal-bench/TidalBench \
--       bench/tidal/TidalBench.hs
module Main (main) where

import Control.Monad (forM_, replicateM)
import Data.List (foldl')
import Data.Ratio (denominator, numerator)
import GHC.Clock (getMonotonicTime)
import Text.Printf (printf)

import qualified Data.Map.Strict as Map
import Sound.Tidal.Context
  (Arc, ArcF (..), ControlPattern, Event, EventF (..), Pattern, Value (..), ValueMap, chop, jux, loopAt, n,
   queryArc, rev, s, stut, ( # ))
import Sound.Tidal.ParseBP (parseBP)

patterns :: [String]
patterns =
  [ "bd*2 [sn cp] <hh oh> bd(3,8)"
  , "[bd*16?, hh*8, [sn|cp]*4] . <a [b c]>(5,8,<0 2>) {x y z}%8"
  , "[bd*16, hh*27, ~ sn:3]*8 <a b c>(5,8)"
  ]

-- | The expressions of Benchmarks/tala-bench's PatternBench.expressions, the same text.
expressions :: [ControlPattern]
expressions =
  [ chop 16 $ loopAt 2 $ s "break*2" # n "<0 1>"
  , stut 4 0.5 0.125 $ jux rev $ s "bd*2 [sn cp]"
  ]

cycles :: Integer
cycles = 1000

passes :: Int
passes = 5

-- | A number that depends on every field of an event, so computing it forces the event.
touch :: Event String -> Integer
touch e = arcSum (part e) + maybe 0 arcSum (whole e) + fromIntegral (sum (map fromEnum (value e)))
  where
    arcSum (Arc b s) = r b + r s
    r x = numerator x + denominator x

-- | The same for a control map: every value is forced.
touchMap :: Event ValueMap -> Integer
touchMap e = arcSum (part e) + maybe 0 arcSum (whole e) + Map.foldr (\v a -> a + touchValue v) 0 (value e)
  where
    arcSum (Arc b s') = r b + r s'
    r x = numerator x + denominator x
    touchValue (VF d) = truncate (d * 1000)
    touchValue (VS str) = fromIntegral (length str)
    touchValue (VI i) = fromIntegral i
    touchValue (VN note) = truncate (realToFrac note * 1000 :: Double)
    touchValue _ = 1

-- | One pass: query cycle c for c in [0, cycles), forcing all events as we go.
-- NOINLINE keeps GHC from sharing one pass's work with the next.
{-# NOINLINE onePass #-}
onePass :: Pattern String -> (Int, Integer)
onePass p = foldl' step (0, 0) [0 .. cycles - 1]
  where
    step (!count, !acc) c =
      let es = queryArc p (Arc (fromInteger c) (fromInteger (c + 1)) :: Arc)
       in (count + length es, acc + foldl' (\a ev -> a + touch ev) 0 es)

-- | The same pass over a control pattern.
{-# NOINLINE onePassControl #-}
onePassControl :: ControlPattern -> (Int, Integer)
onePassControl p = foldl' step (0, 0) [0 .. cycles - 1]
  where
    step (!count, !acc) c =
      let es = queryArc p (Arc (fromInteger c) (fromInteger (c + 1)) :: Arc)
       in (count + length es, acc + foldl' (\a ev -> a + touchMap ev) 0 es)

timePass :: Pattern String -> IO (Int, Double)
timePass p = do
  t0 <- getMonotonicTime
  let (count, acc) = onePass p
  -- `seq` on both parts of the result makes the whole pass run before the clock is read.
  count `seq` acc `seq` return ()
  t1 <- getMonotonicTime
  return (count, t1 - t0)

timeControlPass :: ControlPattern -> IO (Int, Double)
timeControlPass p = do
  t0 <- getMonotonicTime
  let (count, acc) = onePassControl p
  count `seq` acc `seq` return ()
  t1 <- getMonotonicTime
  return (count, t1 - t0)

main :: IO ()
main = do
  forM_ (zip [1 :: Int ..] patterns) $ \(i, src) ->
    case either (Left . show) Right (parseBP src) :: Either String (Pattern String) of
      Left err -> printf "tidal %d error %s\n" i err
      Right p -> do
        results <- replicateM passes (timePass p)
        let (count, secs) = minimumBySecond results
        printf "tidal %d %d %.6f\n" i count secs
  forM_ (zip [length patterns + 1 ..] expressions) $ \(i, p) -> do
    results <- replicateM passes (timeControlPass p)
    let (count, secs) = minimumBySecond results
    printf "tidal %d %d %.6f\n" (i :: Int) count secs
  where
    minimumBySecond = foldr1 (\a b -> if snd a <= snd b then a else b)
