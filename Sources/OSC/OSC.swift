// OSC: the Open Sound Control codec, timetags and address patterns (pure: no clocks, no I/O).
