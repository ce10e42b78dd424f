use super::*;

#[test]
fn relative_paths_are_uri_references() {
    assert_eq!(
        artifact_location(Path::new("./src//a b/c:d%e#f?.js")),
        json!({ "uri": "src/a%20b/c%3Ad%25e%23f%3F.js", "uriBaseId": SRCROOT })
    );
    assert_eq!(
        artifact_location(Path::new("é.py"))["uri"],
        json!("%C3%A9.py")
    );
}

#[test]
fn absolute_paths_are_file_uris() {
    assert_eq!(
        artifact_location(Path::new("/elsewhere/x/../a.js")),
        json!({ "uri": "file:///elsewhere/a.js" })
    );
}
