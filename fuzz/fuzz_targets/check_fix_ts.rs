#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    v3_migrate_fuzz::check_fix(v3_migrate::lang::Lang::TypeScript, data);
});
