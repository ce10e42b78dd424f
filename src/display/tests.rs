use super::*;

fn shown(path: &str) -> String {
    display_path(Path::new(path))
}

#[test]
fn paths_are_normalised_relative_to_the_working_folder() {
    assert_eq!(shown("./sub//x.js"), "sub/x.js");
    assert_eq!(shown("sub/./a/../x.js"), "sub/x.js");
    assert_eq!(shown("."), ".");
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(display_path(&cwd.join("sub/x.js")), "sub/x.js");
    // Outside the working folder: absolute, without `..`.
    let parent = cwd.parent().unwrap().join("x.js");
    assert_eq!(shown("../x.js"), parent.to_str().unwrap());
    assert_eq!(shown("/a/../b//c.js"), "/b/c.js");
}

#[cfg(unix)]
#[test]
fn names_keep_their_bytes() {
    use std::os::unix::ffi::OsStrExt;
    assert_eq!(shown("a\\b.js"), "a\\b.js");
    let odd = Path::new(std::ffi::OsStr::from_bytes(b"sub/caf\xe9 x.js"));
    assert_eq!(display_path(odd), "sub/caf\\xE9 x.js");
    let path = OutputPath::of(odd);
    assert_eq!(path.uri(false), "sub/caf%E9%20x.js");
    assert_eq!(
        OutputPath::of(Path::new("a\\b:c%#?.js")).uri(false),
        "a%5Cb%3Ac%25%23%3F.js"
    );
    assert_eq!(
        OutputPath::of(Path::new("/tmp/a b/é.js")).uri(false),
        "file:///tmp/a%20b/%C3%A9.js"
    );
    assert_eq!(
        OutputPath::lexical(Path::new("/tmp/x")).uri(true),
        "file:///tmp/x/"
    );
}
