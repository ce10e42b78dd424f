fn main() -> std::process::ExitCode {
    v3_migrate::main_with_args(std::env::args_os())
}
