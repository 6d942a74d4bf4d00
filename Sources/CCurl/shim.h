// libcurl for module SampleInstall (the only importer). curl_easy_setopt and curl_easy_getinfo
// are variadic, which Swift cannot call, so each use has a typed wrapper here.
#include <curl/curl.h>
#include <stdio.h>

typedef int (*tala_curl_progress)(void *context, curl_off_t total, curl_off_t now, curl_off_t up_total,
                                  curl_off_t up_now);

static inline CURLcode tala_curl_url(CURL *c, const char *url) { return curl_easy_setopt(c, CURLOPT_URL, url); }
static inline CURLcode tala_curl_write_to(CURL *c, FILE *file) {
  return curl_easy_setopt(c, CURLOPT_WRITEDATA, (void *)file);
}
static inline CURLcode tala_curl_progress_to(CURL *c, tala_curl_progress f, void *context) {
  CURLcode r = curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, f);
  if (r == CURLE_OK) r = curl_easy_setopt(c, CURLOPT_XFERINFODATA, context);
  if (r == CURLE_OK) r = curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  return r;
}
static inline CURLcode tala_curl_error_buffer(CURL *c, char *buffer) {
  return curl_easy_setopt(c, CURLOPT_ERRORBUFFER, buffer);
}
/// Follow redirects (GitHub's archive links redirect), fail on HTTP errors, give up on a
/// connection that cannot be made in `connect_seconds` or moves less than 1 byte a second for
/// `stall_seconds`.
static inline CURLcode tala_curl_defaults(CURL *c, long connect_seconds, long stall_seconds, const char *agent) {
  CURLcode r = curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  if (r == CURLE_OK) r = curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  if (r == CURLE_OK) r = curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  if (r == CURLE_OK) r = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, connect_seconds);
  if (r == CURLE_OK) r = curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  if (r == CURLE_OK) r = curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, stall_seconds);
  if (r == CURLE_OK) r = curl_easy_setopt(c, CURLOPT_USERAGENT, agent);
  if (r == CURLE_OK) r = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  return r;
}
static inline long tala_curl_response_code(CURL *c) {
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  return code;
}
