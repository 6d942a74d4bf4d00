// Net: UDP transport for OSC packets (the only socket code in Tala).
