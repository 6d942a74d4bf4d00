// Language: Tala's Tidal-style expression language (pure: parse, check, evaluate to patterns).
