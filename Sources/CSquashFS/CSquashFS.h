// libsquashfs (squashfs-tools-ng) headers for Swift, plus small helpers for what Swift cannot express:
// inodes end in a flexible array member (symlink targets, block sizes), and objects are freed through a
// function pointer in their header.
#ifndef ISOKIT_CSQUASHFS_H
#define ISOKIT_CSQUASHFS_H

#include <sqfs/predef.h>
#include <sqfs/error.h>
#include <sqfs/io.h>
#include <sqfs/super.h>
#include <sqfs/compressor.h>
#include <sqfs/block.h>
#include <sqfs/block_processor.h>
#include <sqfs/block_writer.h>
#include <sqfs/frag_table.h>
#include <sqfs/id_table.h>
#include <sqfs/inode.h>
#include <sqfs/dir.h>
#include <sqfs/dir_writer.h>
#include <sqfs/meta_writer.h>
#include <sqfs/dir_reader.h>
#include <sqfs/xattr.h>
#include <sqfs/xattr_reader.h>
#include <sqfs/data_reader.h>
#include <sqfs/xattr_writer.h>
#include <sqfs/xattr_reader.h>
#include <sqfs/xattr.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/xattr.h>
#include <string.h>

/// Allocates a zeroed inode with `extra` bytes after it (a symlink target needs its length here).
static inline sqfs_inode_generic_t *isokit_sqfs_inode_alloc(size_t extra) {
    sqfs_inode_generic_t *inode = calloc(1, sizeof(*inode) + extra);
    if (inode != NULL) inode->payload_bytes_available = extra;
    return inode;
}

/// Makes `inode` a symlink inode pointing at `target` (`length` bytes, no NUL); `inode` must have room for it.
static inline void isokit_sqfs_inode_set_symlink(sqfs_inode_generic_t *inode, const char *target, size_t length,
                                                 sqfs_u32 nlink) {
    inode->base.type = SQFS_INODE_SLINK;
    inode->data.slink.nlink = nlink;
    inode->data.slink.target_size = (sqfs_u32)length;
    memcpy(inode->extra, target, length);
    inode->payload_bytes_used = length;
}

/// The bytes after an inode's fixed part (a symlink's target).
static inline const char *isokit_sqfs_inode_extra(const sqfs_inode_generic_t *inode) {
    return (const char *)inode->extra;
}

/// A tree node's NUL-terminated name.
static inline const char *isokit_sqfs_tree_node_name(const sqfs_tree_node_t *node) {
    return (const char *)node->name;
}

/// Reads the compressor options block that follows the super block.
static inline int isokit_sqfs_read_compressor_options(sqfs_compressor_t *compressor, sqfs_file_t *file) {
    return compressor->read_options(compressor, file);
}

/// Releases a libsquashfs object (compressor, file, writer, table); NULL is ignored.
static inline void isokit_sqfs_destroy(void *object) {
    if (object != NULL) sqfs_destroy(object);
}

/// Writes the compressor's options block after the super block; returns bytes written or an SQFS_ERROR.
static inline int isokit_sqfs_write_compressor_options(sqfs_compressor_t *compressor, sqfs_file_t *file) {
    return compressor->write_options(compressor, file);
}

/// The current size of `file` in bytes.
static inline sqfs_u64 isokit_sqfs_file_size(sqfs_file_t *file) {
    return file->get_size(file);
}

/// Appends `size` zero bytes to `file` (padding the image to a device block).
static inline int isokit_sqfs_file_pad(sqfs_file_t *file, size_t size) {
    if (size == 0) return 0;
    void *zeros = calloc(1, size);
    if (zeros == NULL) return SQFS_ERROR_ALLOC;
    int result = file->write_at(file, file->get_size(file), zeros, size);
    free(zeros);
    return result;
}

/// A compressor that forwards to `inner` but reports "store uncompressed" (0) whenever the output would not be
/// smaller than the input. libsquashfs 1.2's LZ4 compressor returns longer "compressed" metadata blocks (a 4-byte
/// id table becomes 5 bytes), which unsquashfs rejects as corruption; zstd, xz and gzip already do this check.
typedef struct {
    sqfs_compressor_t base;
    sqfs_compressor_t *inner;
} isokit_sqfs_guarded_compressor_t;

static inline sqfs_compressor_t *isokit_sqfs_guard_compressor(sqfs_compressor_t *inner);

static inline void isokit_sqfs_guard_destroy(sqfs_object_t *object) {
    isokit_sqfs_guarded_compressor_t *guard = (isokit_sqfs_guarded_compressor_t *)object;
    sqfs_destroy(guard->inner);
    free(guard);
}

static inline sqfs_object_t *isokit_sqfs_guard_copy(const sqfs_object_t *object) {
    const isokit_sqfs_guarded_compressor_t *guard = (const isokit_sqfs_guarded_compressor_t *)object;
    sqfs_object_t *inner = guard->inner->base.copy((const sqfs_object_t *)guard->inner);
    if (inner == NULL) return NULL;
    return (sqfs_object_t *)isokit_sqfs_guard_compressor((sqfs_compressor_t *)inner);
}

static inline void isokit_sqfs_guard_get_configuration(const sqfs_compressor_t *compressor,
                                                       sqfs_compressor_config_t *configuration) {
    const isokit_sqfs_guarded_compressor_t *guard = (const isokit_sqfs_guarded_compressor_t *)compressor;
    guard->inner->get_configuration(guard->inner, configuration);
}

static inline int isokit_sqfs_guard_write_options(sqfs_compressor_t *compressor, sqfs_file_t *file) {
    isokit_sqfs_guarded_compressor_t *guard = (isokit_sqfs_guarded_compressor_t *)compressor;
    return guard->inner->write_options(guard->inner, file);
}

static inline int isokit_sqfs_guard_read_options(sqfs_compressor_t *compressor, sqfs_file_t *file) {
    isokit_sqfs_guarded_compressor_t *guard = (isokit_sqfs_guarded_compressor_t *)compressor;
    return guard->inner->read_options(guard->inner, file);
}

static inline sqfs_s32 isokit_sqfs_guard_do_block(sqfs_compressor_t *compressor, const sqfs_u8 *in, sqfs_u32 size,
                                                  sqfs_u8 *out, sqfs_u32 outsize) {
    isokit_sqfs_guarded_compressor_t *guard = (isokit_sqfs_guarded_compressor_t *)compressor;
    sqfs_s32 result = guard->inner->do_block(guard->inner, in, size, out, outsize);
    return (result > 0 && (sqfs_u32)result >= size) ? 0 : result;
}

/// Wraps `inner` (taking ownership); on allocation failure destroys `inner` and returns NULL.
static inline sqfs_compressor_t *isokit_sqfs_guard_compressor(sqfs_compressor_t *inner) {
    isokit_sqfs_guarded_compressor_t *guard = calloc(1, sizeof(*guard));
    if (guard == NULL) {
        sqfs_destroy(inner);
        return NULL;
    }
    guard->base.base.destroy = isokit_sqfs_guard_destroy;
    guard->base.base.copy = isokit_sqfs_guard_copy;
    guard->base.get_configuration = isokit_sqfs_guard_get_configuration;
    guard->base.write_options = isokit_sqfs_guard_write_options;
    guard->base.read_options = isokit_sqfs_guard_read_options;
    guard->base.do_block = isokit_sqfs_guard_do_block;
    guard->inner = inner;
    return &guard->base;
}

/// A read-only window onto part of a file: a SquashFS image that starts `offset` bytes into it (a root image
/// inside an ISO) and is `size` bytes long.
typedef struct {
    sqfs_file_t base;
    int descriptor;
    sqfs_u64 offset;
    sqfs_u64 size;
} isokit_sqfs_window_t;

static inline void isokit_sqfs_window_destroy(sqfs_object_t *object) {
    isokit_sqfs_window_t *window = (isokit_sqfs_window_t *)object;
    close(window->descriptor);
    free(window);
}

static inline int isokit_sqfs_window_read_at(sqfs_file_t *file, sqfs_u64 offset, void *buffer, size_t size) {
    isokit_sqfs_window_t *window = (isokit_sqfs_window_t *)file;
    if (offset > window->size || size > window->size - offset) return SQFS_ERROR_OUT_OF_BOUNDS;
    sqfs_u64 position = window->offset + offset;
    unsigned char *bytes = (unsigned char *)buffer;
    while (size > 0) {
        ssize_t count = pread(window->descriptor, bytes, size, (off_t)position);
        if (count < 0) {
            if (errno == EINTR) continue;
            return SQFS_ERROR_IO;
        }
        if (count == 0) return SQFS_ERROR_OUT_OF_BOUNDS;
        bytes += count;
        position += (sqfs_u64)count;
        size -= (size_t)count;
    }
    return 0;
}

static inline int isokit_sqfs_window_write_at(sqfs_file_t *file, sqfs_u64 offset, const void *buffer, size_t size) {
    (void)file; (void)offset; (void)buffer; (void)size;
    return SQFS_ERROR_IO;
}

static inline sqfs_u64 isokit_sqfs_window_get_size(const sqfs_file_t *file) {
    return ((const isokit_sqfs_window_t *)file)->size;
}

static inline int isokit_sqfs_window_truncate(sqfs_file_t *file, sqfs_u64 size) {
    (void)file; (void)size;
    return SQFS_ERROR_IO;
}

static inline sqfs_file_t *isokit_sqfs_window_make(int descriptor, sqfs_u64 offset, sqfs_u64 size);

static inline sqfs_object_t *isokit_sqfs_window_copy(const sqfs_object_t *object) {
    const isokit_sqfs_window_t *window = (const isokit_sqfs_window_t *)object;
    int descriptor = fcntl(window->descriptor, F_DUPFD_CLOEXEC, 0);
    if (descriptor < 0) return NULL;
    return (sqfs_object_t *)isokit_sqfs_window_make(descriptor, window->offset, window->size);
}

/// Wraps an open descriptor (taking ownership; closed on failure) as a read-only `sqfs_file_t`.
static inline sqfs_file_t *isokit_sqfs_window_make(int descriptor, sqfs_u64 offset, sqfs_u64 size) {
    isokit_sqfs_window_t *window = calloc(1, sizeof(*window));
    if (window == NULL) {
        close(descriptor);
        return NULL;
    }
    window->base.base.destroy = isokit_sqfs_window_destroy;
    window->base.base.copy = isokit_sqfs_window_copy;
    window->base.read_at = isokit_sqfs_window_read_at;
    window->base.write_at = isokit_sqfs_window_write_at;
    window->base.get_size = isokit_sqfs_window_get_size;
    window->base.truncate = isokit_sqfs_window_truncate;
    window->descriptor = descriptor;
    window->offset = offset;
    window->size = size;
    return &window->base;
}

/// Opens `path` read-only as a window from `offset`, `size` bytes long (0: to the end of the file). Returns NULL
/// with `*error` set to an errno value, or to `-1` when the window lies past the end of the file.
static inline sqfs_file_t *isokit_sqfs_window_open(const char *path, sqfs_u64 offset, sqfs_u64 size, int *error) {
    int descriptor = open(path, O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        *error = errno;
        return NULL;
    }
    struct stat status;
    if (fstat(descriptor, &status) != 0) {
        *error = errno;
        close(descriptor);
        return NULL;
    }
    sqfs_u64 fileSize = (sqfs_u64)status.st_size;
    if (offset > fileSize || (size != 0 && size > fileSize - offset)) {
        *error = -1;
        close(descriptor);
        return NULL;
    }
    sqfs_file_t *file = isokit_sqfs_window_make(descriptor, offset, size == 0 ? fileSize - offset : size);
    if (file == NULL) *error = ENOMEM;
    return file;
}

/// An extended attribute key's bytes (with its prefix, as libsquashfs decodes it).
static inline const sqfs_u8 *isokit_sqfs_xattr_key(const sqfs_xattr_entry_t *entry) { return entry->key; }

/// An extended attribute value's bytes.
static inline const sqfs_u8 *isokit_sqfs_xattr_value(const sqfs_xattr_value_t *value) { return value->value; }

#endif
