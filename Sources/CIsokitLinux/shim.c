#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/types.h>
#include <stdlib.h>
#include <unistd.h>
#include "CIsokitLinux.h"

ssize_t isokit_copy_file_range(int in_fd, int64_t *in_offset, int out_fd, int64_t *out_offset, size_t length) {
    loff_t in = (loff_t)*in_offset;
    loff_t out = (loff_t)*out_offset;
    ssize_t copied = copy_file_range(in_fd, &in, out_fd, &out, length, 0);
    *in_offset = (int64_t)in;
    *out_offset = (int64_t)out;
    return copied;
}

int isokit_errno(void) { return errno; }

int64_t isokit_seek_data(int fd, int64_t offset) { return (int64_t)lseek(fd, (off_t)offset, SEEK_DATA); }

int64_t isokit_seek_hole(int fd, int64_t offset) { return (int64_t)lseek(fd, (off_t)offset, SEEK_HOLE); }

int isokit_mkstemp(char *path_template) { return mkostemp(path_template, O_CLOEXEC); }

#include <sys/stat.h>
#include <sys/sysmacros.h>

uint64_t isokit_makedev(uint32_t major_number, uint32_t minor_number) { return (uint64_t)makedev(major_number, minor_number); }

uint32_t isokit_major(uint64_t device) { return (uint32_t)major((dev_t)device); }

uint32_t isokit_minor(uint64_t device) { return (uint32_t)minor((dev_t)device); }

long isokit_utime_omit(void) { return UTIME_OMIT; }

int isokit_start_writeback(int fd, int64_t offset, int64_t length) {
    return sync_file_range(fd, (off_t)offset, (off_t)length, SYNC_FILE_RANGE_WRITE);
}

#include <sys/ioctl.h>
#include <linux/fs.h>

int isokit_reread_partitions(int fd) { return ioctl(fd, BLKRRPART); }
