use super::*;

#[test]
fn shares_wait_for_room_and_oversized_files_are_refused() {
    let b = Budget::new(Budget::estimate(10));
    assert_eq!(
        b.take(11).err(),
        Some(OverBudget {
            estimate: Budget::estimate(11),
            budget: Budget::estimate(10)
        })
    );
    let first = b.take(6).unwrap();
    assert_eq!(*b.used.lock().unwrap(), Budget::estimate(6));
    drop(first);
    assert_eq!(*b.used.lock().unwrap(), 0);
}

#[test]
fn reads_mem_total() {
    assert_eq!(
        mem_total("MemTotal:       16318784 kB\nMemFree: 1 kB\n"),
        Some(16318784 * 1024)
    );
    assert_eq!(mem_total("nothing"), None);
}
