// Linked statically against glibc by RUSTFLAGS="-C target-feature=+crt-static" (see pom.xml).
fn main() {
    println!(
        "Hello from Rust in a FROM scratch image! ({}/{})",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
}
