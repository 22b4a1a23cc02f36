#ifndef CISOKIT_LINUX_H
#define CISOKIT_LINUX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// copy_file_range(2); returns bytes copied, or -1 with errno set.
ssize_t isokit_copy_file_range(int in_fd, int64_t *in_offset, int out_fd, int64_t *out_offset, size_t length);

/// Current errno, read through C so Swift sees the thread's value.
int isokit_errno(void);

/// lseek(SEEK_DATA); returns the next data offset at or after `offset`, or -1 with errno (ENXIO past the end).
int64_t isokit_seek_data(int fd, int64_t offset);

/// lseek(SEEK_HOLE); returns the next hole offset at or after `offset`, or -1 with errno.
int64_t isokit_seek_hole(int fd, int64_t offset);

/// mkostemp(3) with O_CLOEXEC; fills in the XXXXXX of `path_template`.
int isokit_mkstemp(char *path_template);

/// makedev(3), major(3), minor(3).
uint64_t isokit_makedev(uint32_t major_number, uint32_t minor_number);
uint32_t isokit_major(uint64_t device);
uint32_t isokit_minor(uint64_t device);

/// The UTIME_OMIT marker for utimensat(2).
long isokit_utime_omit(void);

/// sync_file_range(SYNC_FILE_RANGE_WRITE): start writing back a range without waiting for it.
int isokit_start_writeback(int fd, int64_t offset, int64_t length);

/// ioctl(BLKRRPART): asks the kernel to re-read a block device's partition table; 0, or -1 with errno.
int isokit_reread_partitions(int fd);

#endif
