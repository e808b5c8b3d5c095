#ifndef MUSLROOT_CCURL_H
#define MUSLROOT_CCURL_H
#include <curl/curl.h>

/* curl_global_init(CURL_GLOBAL_DEFAULT): the flags are a macro expression Swift cannot import. */
CURLcode ccurl_global_init(void);

/* Non-variadic wrappers: Swift cannot call the variadic curl_easy_setopt/getinfo. */
CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, const void *value);
CURLcode ccurl_setopt_write_callback(CURL *handle,
    size_t (*callback)(char *ptr, size_t size, size_t nmemb, void *userdata));
CURLcode ccurl_setopt_xferinfo_callback(CURL *handle,
    int (*callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow));
CURLcode ccurl_setopt_header_callback(CURL *handle,
    size_t (*callback)(char *buffer, size_t size, size_t nitems, void *userdata));
CURLcode ccurl_setopt_read_callback(CURL *handle,
    size_t (*callback)(char *buffer, size_t size, size_t nitems, void *userdata));
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_getinfo_pointer(CURL *handle, CURLINFO info, char **value);

#endif
