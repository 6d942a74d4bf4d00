// libsndfile for the Audio module (the only importer): sample decoding and WAV writing.
#include <sndfile.h>
