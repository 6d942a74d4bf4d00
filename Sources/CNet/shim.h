// recvmmsg for Net: Swift's Glibc module is built without _GNU_SOURCE, so it has neither
// `struct mmsghdr` nor `recvmmsg`. This declares the kernel's layout and calls the system call.
#ifndef TALA_CNET_SHIM_H
#define TALA_CNET_SHIM_H

#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

/// The kernel's `struct mmsghdr`: one datagram's header and, on return, its length.
struct tala_mmsghdr {
  struct msghdr msg_hdr;
  unsigned int msg_len;
};

/// `recvmmsg(fd, vector, count, flags, NULL)`: returns the number of datagrams received, or -1
/// with errno set.
static inline int tala_recvmmsg(int fd, struct tala_mmsghdr *vector, unsigned int count, int flags) {
  return (int)syscall(SYS_recvmmsg, fd, vector, count, flags, (void *)0);
}

#endif
