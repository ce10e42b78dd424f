//! Writing files: the fixed sources, and the tool's own output files (the baseline, the
//! ratchet file). Nothing else in the crate writes a file.
//!
//! **A fixed source goes to the very file that was read.** [`read_pinned`] reads a source
//! through its folder chain: the folder the user named, opened as named (a link in it is
//! the user's), then each folder below it and the file itself opened without following a
//! symbolic link, recording the device and inode of each ([`Pinned`]). [`write_fixed`]
//! opens the same chain again and refuses when any step is no longer what was read (a
//! folder swapped for a link to elsewhere, a file replaced), then works inside the folder
//! it holds open: a temporary file created there, given the file's owner, group, mode and
//! extended attributes (the write is refused when they cannot be kept), synced, and renamed
//! over the file after a last check, as late as it can be, that the file still holds what
//! was read. A file with more than one hard link is refused: a rename would split it.
//!
//! **An output file** ([`write_output`]) is written through a symbolic link to a regular
//! file; anything that is not a regular file (a device, a FIFO, a folder) is refused.
//!
//! **Interruption.** Temporary files in flight are registered; on SIGINT, SIGTERM or SIGHUP
//! they are removed and the run exits 130. The registry's lock is held across each rename,
//! so the file being renamed holds either its old content or its new one when that happens.
//!
//! Hooks for tests of races only: with `V3_MIGRATE_TEST_PAUSE_DIR` set to a folder, before
//! each source write the tool creates `<dir>/<n>.ready` and waits (up to 30 s) for
//! `<dir>/<n>.go`; `V3_MIGRATE_TEST_PAUSE_RENAME_DIR` does the same once the temporary file
//! is written and synced, just before the last check and the rename.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, Once};

use rustix::fs::{self as rfs, AtFlags, FileType, Mode, OFlags, Stat};
use rustix::io::Errno;

use crate::error::FileError;

/// A file's identity: its device and inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Id {
    dev: u64,
    ino: u64,
}

impl Id {
    // The field types differ between platforms (`u64` here, `i32`/`u32` elsewhere).
    #[allow(clippy::unnecessary_cast)]
    fn of(st: &Stat) -> Id {
        Id {
            dev: st.st_dev as u64,
            ino: st.st_ino as u64,
        }
    }
}

/// Where a source file is, as the run reached it: a folder the user named, the folders
/// below it, and the file's name.
#[derive(Clone, Debug)]
pub struct Origin {
    base: PathBuf,
    below: Vec<OsString>,
    name: OsString,
}

impl Origin {
    /// A file named on the command line. A symbolic link is written through: its target's
    /// folder is the base.
    pub fn named(path: &Path) -> Option<Origin> {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let path = if is_link {
            std::fs::canonicalize(path).ok()?
        } else {
            path.to_path_buf()
        };
        let name = path.file_name()?.to_os_string();
        let base = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Some(Origin {
            base,
            below: Vec::new(),
            name,
        })
    }

    /// A file the walk found below the folder `root` (as named on the command line).
    pub fn walked(root: &Path, path: &Path) -> Option<Origin> {
        let mut below = path
            .strip_prefix(root)
            .ok()?
            .components()
            .map(|c| match c {
                Component::Normal(s) => Some(s.to_os_string()),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        let name = below.pop()?;
        Some(Origin {
            base: root.to_path_buf(),
            below,
            name,
        })
    }
}

/// A source file as it was read: where it is, and the identity of each step on the way.
#[derive(Clone, Debug)]
pub struct Pinned {
    origin: Origin,
    /// The base folder's, then each folder's below it.
    dirs: Vec<Id>,
    file: Id,
}

/// Why a step of the way is not what was read.
enum Fault {
    Gone,
    /// A link, another kind of file, or another file than the one read.
    Replaced,
    Io(io::Error),
}

impl From<Errno> for Fault {
    fn from(e: Errno) -> Fault {
        match e {
            Errno::NOENT => Fault::Gone,
            // O_NOFOLLOW met a link (ELOOP), or a folder is no longer one.
            Errno::LOOP | Errno::NOTDIR => Fault::Replaced,
            e => Fault::Io(e.into()),
        }
    }
}

impl Fault {
    fn at_read(self, path: &Path) -> FileError {
        let path = path.to_path_buf();
        match self {
            Fault::Gone => FileError::Read {
                path,
                source: io::ErrorKind::NotFound.into(),
            },
            Fault::Replaced => FileError::Replaced { path },
            Fault::Io(source) => FileError::Read { path, source },
        }
    }

    fn at_write(self, path: &Path) -> FileError {
        let path = path.to_path_buf();
        match self {
            Fault::Gone => FileError::Deleted { path },
            Fault::Replaced => FileError::Replaced { path },
            Fault::Io(source) => FileError::Write { path, source },
        }
    }
}

const DIR_FLAGS: OFlags = OFlags::DIRECTORY
    .union(OFlags::RDONLY)
    .union(OFlags::CLOEXEC);
/// A file opened to be read: never through a link, and without blocking on a FIFO.
const READ_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::NOFOLLOW)
    .union(OFlags::NONBLOCK)
    .union(OFlags::NOCTTY)
    .union(OFlags::CLOEXEC);

/// Opens the folder that holds the file, step by step from the base; with `expect`, each
/// step must be the folder it was.
fn open_chain(origin: &Origin, expect: Option<&[Id]>) -> Result<(OwnedFd, Vec<Id>), Fault> {
    let mut dir = rfs::open(&origin.base, DIR_FLAGS, Mode::empty())?;
    let mut ids = vec![Id::of(&rfs::fstat(&dir)?)];
    for name in &origin.below {
        dir = rfs::openat(
            &dir,
            name.as_os_str(),
            DIR_FLAGS | OFlags::NOFOLLOW,
            Mode::empty(),
        )?;
        ids.push(Id::of(&rfs::fstat(&dir)?));
    }
    if expect.is_some_and(|e| e != ids.as_slice()) {
        return Err(Fault::Replaced);
    }
    Ok((dir, ids))
}

/// Opens a regular file in `dir`, never through a link.
fn open_regular(dir: &OwnedFd, name: &OsStr) -> Result<(File, Stat), Fault> {
    let fd = rfs::openat(dir, name, READ_FLAGS, Mode::empty())?;
    let st = rfs::fstat(&fd)?;
    if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
        return Err(Fault::Replaced);
    }
    Ok((File::from(fd), st))
}

// `st_nlink` is `u64` here, `u32` or `u16` elsewhere.
#[allow(clippy::useless_conversion)]
fn links(st: &Stat) -> u64 {
    u64::from(st.st_nlink)
}

fn read_all(mut f: &File) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads a source file at `origin` (shown as `path`), unless it is larger than `max` bytes.
pub fn read_pinned(path: &Path, origin: Origin, max: u64) -> Result<(Pinned, Vec<u8>), FileError> {
    let (dir, dirs) = open_chain(&origin, None).map_err(|f| f.at_read(path))?;
    let (file, st) = open_regular(&dir, &origin.name).map_err(|f| f.at_read(path))?;
    let size = u64::try_from(st.st_size).unwrap_or(0);
    if size > max {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: max,
        });
    }
    let bytes = read_all(&file).map_err(|source| FileError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let pinned = Pinned {
        origin,
        dirs,
        file: Id::of(&st),
    };
    Ok((pinned, bytes))
}

/// Writes the fixed content `new` of the file read as `original` (shown as `path`): only
/// into the very file that was read, still holding `original`, not read-only, with one
/// link; its owner, group, mode and extended attributes kept.
pub fn write_fixed(
    path: &Path,
    pinned: &Pinned,
    original: &[u8],
    new: &[u8],
) -> Result<(), FileError> {
    pause_for_tests("V3_MIGRATE_TEST_PAUSE_DIR");
    let (dir, file, st) = as_read(path, pinned, original)?;
    let name = pinned.origin.name.as_os_str();
    let changed = || FileError::Changed {
        path: path.to_path_buf(),
    };
    let dir = Arc::new(dir);
    let last_check = || {
        pause_for_tests("V3_MIGRATE_TEST_PAUSE_RENAME_DIR");
        still_as_read(&dir, name, pinned.file, original).map_err(|f| match f {
            Fault::Replaced => changed(),
            f => f.at_write(path),
        })
    };
    replace(&dir, name, new, Some((&file, &st)), last_check).map_err(|f| match f {
        Failed::Io(source) => FileError::Write {
            path: path.to_path_buf(),
            source,
        },
        Failed::Owner(source) => FileError::OwnerNotKept {
            path: path.to_path_buf(),
            source,
        },
        Failed::Xattr { name, source } => FileError::XattrNotKept {
            path: path.to_path_buf(),
            name,
            source,
        },
        Failed::Check(e) => e,
    })
}

/// Whether [`write_fixed`] would write the file now: it is the very file that was read,
/// still holding `original`, not read-only, with one link. The files of a group written
/// together are all checked so before any is written.
pub fn preflight(path: &Path, pinned: &Pinned, original: &[u8]) -> Result<(), FileError> {
    as_read(path, pinned, original).map(|_| ())
}

/// The file read, opened again: its folder, the file and its status, when it is still the
/// very file, holding `original`, writable, with one link.
fn as_read(
    path: &Path,
    pinned: &Pinned,
    original: &[u8],
) -> Result<(OwnedFd, File, Stat), FileError> {
    let (dir, _) = open_chain(&pinned.origin, Some(&pinned.dirs)).map_err(|f| f.at_write(path))?;
    let name = pinned.origin.name.as_os_str();
    let (file, st) = open_regular(&dir, name).map_err(|f| f.at_write(path))?;
    let changed = || FileError::Changed {
        path: path.to_path_buf(),
    };
    if Id::of(&st) != pinned.file {
        // Another file under the same name: an editor saved it (write and rename).
        return Err(changed());
    }
    if st.st_mode & 0o222 == 0 {
        return Err(FileError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    if st.st_nlink > 1 {
        return Err(FileError::HardLinks {
            path: path.to_path_buf(),
            links: links(&st),
        });
    }
    let io = |source| FileError::Write {
        path: path.to_path_buf(),
        source,
    };
    if read_all(&file).map_err(io)? != original {
        return Err(changed());
    }
    Ok((dir, file, st))
}

/// The file `name` in `dir` is still `file`, holding `original`.
fn still_as_read(dir: &OwnedFd, name: &OsStr, file: Id, original: &[u8]) -> Result<(), Fault> {
    let (now, st) = open_regular(dir, name)?;
    if Id::of(&st) != file || read_all(&now).map_err(Fault::Io)? != original {
        return Err(Fault::Replaced);
    }
    Ok(())
}

/// Why [`replace`] did not write.
enum Failed<E> {
    Io(io::Error),
    Owner(io::Error),
    Xattr { name: String, source: io::Error },
    Check(E),
}

impl<E> From<io::Error> for Failed<E> {
    fn from(e: io::Error) -> Failed<E> {
        Failed::Io(e)
    }
}

impl<E> From<Errno> for Failed<E> {
    fn from(e: Errno) -> Failed<E> {
        Failed::Io(e.into())
    }
}

/// Replaces the file `name` in `dir` by one holding `bytes`: a temporary file in `dir`, with
/// the metadata of `keep` (the file replaced), synced, renamed over `name` when `last_check`
/// passes.
fn replace<E>(
    dir: &Arc<OwnedFd>,
    name: &OsStr,
    bytes: &[u8],
    keep: Option<(&File, &Stat)>,
    last_check: impl FnOnce() -> Result<(), E>,
) -> Result<(), Failed<E>> {
    // Private until its owner and mode are set; a new file gets the usual mode (umask).
    let mode = if keep.is_some() { 0o600 } else { 0o666 };
    let mut tmp = Temp::create(dir, Mode::from_raw_mode(mode))?;
    tmp.file.write_all(bytes)?;
    if let Some((file, st)) = keep {
        keep_metadata(file, st, &tmp.file)?;
    }
    tmp.file.sync_all()?;
    last_check().map_err(Failed::Check)?;
    tmp.persist(name)?;
    Ok(())
}

/// Gives `tmp` the owner, group, mode and extended attributes of `file`. The mode comes
/// after the owner: a change of owner clears the set-user-id and set-group-id bits.
fn keep_metadata<E>(file: &File, st: &Stat, tmp: &File) -> Result<(), Failed<E>> {
    let now = rfs::fstat(tmp)?;
    if (now.st_uid, now.st_gid) != (st.st_uid, st.st_gid) {
        rfs::fchown(
            tmp,
            Some(rfs::Uid::from_raw(st.st_uid)),
            Some(rfs::Gid::from_raw(st.st_gid)),
        )
        .map_err(|e| Failed::Owner(e.into()))?;
    }
    rfs::fchmod(tmp, Mode::from_raw_mode(st.st_mode))?;
    copy_xattrs(file, tmp)
}

/// Copies every extended attribute of `from` to `to` (after the mode: an access-control
/// list is one of them). None to copy where the file system has none.
fn copy_xattrs<E>(from: &File, to: &File) -> Result<(), Failed<E>> {
    let unsupported = |e: Errno| e == Errno::NOTSUP || e == Errno::OPNOTSUPP;
    let size = match rfs::flistxattr_query(from) {
        Ok(n) => n,
        Err(e) if unsupported(e) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if size == 0 {
        return Ok(());
    }
    let mut list = vec![0u8; size];
    let n = rfs::flistxattr(from, &mut list[..])?;
    for name in list[..n.min(size)]
        .split(|&b| b == 0)
        .filter(|n| !n.is_empty())
    {
        let name = OsStr::from_bytes(name);
        let len = rfs::fgetxattr_query(from, name)?;
        let mut value = vec![0u8; len];
        let got = rfs::fgetxattr(from, name, &mut value[..])?;
        let value = &value[..got.min(len)];
        // One the new file already has (`security.selinux`, given by the policy) is not set
        // again: setting it may need a permission the user does not have.
        if xattr_of(to, name).is_some_and(|v| v == value) {
            continue;
        }
        rfs::fsetxattr(to, name, value, rfs::XattrFlags::empty()).map_err(|e| Failed::Xattr {
            name: name.to_string_lossy().into_owned(),
            source: e.into(),
        })?;
    }
    Ok(())
}

/// The value of the extended attribute `name` of `f`, if it has one.
fn xattr_of(f: &File, name: &OsStr) -> Option<Vec<u8>> {
    let len = rfs::fgetxattr_query(f, name).ok()?;
    let mut value = vec![0u8; len];
    let got = rfs::fgetxattr(f, name, &mut value[..]).ok()?;
    value.truncate(got);
    Some(value)
}

/// A temporary file in flight, registered for the signal handler.
struct Temp {
    dir: Arc<OwnedFd>,
    name: OsString,
    file: File,
    key: u64,
    persisted: bool,
}

/// One registered temporary file: its folder and name.
struct InFlight {
    key: u64,
    dir: Arc<OwnedFd>,
    name: OsString,
}

static IN_FLIGHT: Mutex<Vec<InFlight>> = Mutex::new(Vec::new());

fn in_flight() -> MutexGuard<'static, Vec<InFlight>> {
    IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner())
}

impl Temp {
    /// Creates `.v3-migrate-XXXXXXXXXX` in `dir`, registered before it exists.
    fn create(dir: &Arc<OwnedFd>, mode: Mode) -> io::Result<Temp> {
        arm_signal_handler();
        let mut registry = in_flight();
        for _ in 0..64 {
            let (key, name) = temp_name();
            let flags =
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            match rfs::openat(dir.as_fd(), name.as_os_str(), flags, mode) {
                Ok(fd) => {
                    registry.push(InFlight {
                        key,
                        dir: Arc::clone(dir),
                        name: name.clone(),
                    });
                    return Ok(Temp {
                        dir: Arc::clone(dir),
                        name,
                        file: File::from(fd),
                        key,
                        persisted: false,
                    });
                }
                Err(Errno::EXIST) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "no free name for a temporary file",
        ))
    }

    /// Renames the file over `name`, holding the registry's lock: a signal handler sees it
    /// either before (and removes it) or after (and it is the file).
    fn persist(mut self, name: &OsStr) -> io::Result<()> {
        let mut registry = in_flight();
        rfs::renameat(
            self.dir.as_fd(),
            self.name.as_os_str(),
            self.dir.as_fd(),
            name,
        )?;
        registry.retain(|t| t.key != self.key);
        self.persisted = true;
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if self.persisted {
            return;
        }
        let mut registry = in_flight();
        let _ = rfs::unlinkat(self.dir.as_fd(), self.name.as_os_str(), AtFlags::empty());
        registry.retain(|t| t.key != self.key);
    }
}

/// A key and a name no other run picks: a random hash of the process, a counter and the
/// time.
fn temp_name() -> (u64, OsString) {
    use std::hash::{BuildHasher, Hasher};
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let key = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_u64(key);
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    let mut n = h.finish();
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut name = String::from(".v3-migrate-");
    for _ in 0..10 {
        name.push(char::from(ALPHABET[(n % 36) as usize]));
        n /= 36;
    }
    (key, name.into())
}

/// On SIGINT, SIGTERM or SIGHUP: removes the temporary files in flight and exits 130.
/// Set once, when the first temporary file is made; a handler the embedding program set
/// first is left in place.
fn arm_signal_handler() {
    static ARMED: Once = Once::new();
    ARMED.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            // Held until the exit: no rename starts after this point.
            let registry = in_flight();
            for t in registry.iter() {
                let _ = rfs::unlinkat(t.dir.as_fd(), t.name.as_os_str(), AtFlags::empty());
            }
            std::process::exit(130);
        });
    });
}

/// See the module doc: lets a test act on a file between two steps of its write.
fn pause_for_tests(var: &str) {
    let Some(dir) = std::env::var_os(var) else {
        return;
    };
    static NEXT: Mutex<Vec<(String, usize)>> = Mutex::new(Vec::new());
    let n = {
        let mut next = NEXT.lock().unwrap_or_else(|e| e.into_inner());
        match next.iter_mut().find(|(v, _)| v == var) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                next.push((var.to_string(), 0));
                0
            }
        }
    };
    let dir = Path::new(&dir);
    let _ = std::fs::write(dir.join(format!("{n}.ready")), b"");
    let go = dir.join(format!("{n}.go"));
    let start = std::time::Instant::now();
    while !go.exists() && start.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

mod output;
pub use output::{check_output, write_output};

#[cfg(test)]
mod tests;
