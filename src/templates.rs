//! Built-in posting templates, embedded in the binary from `assets/templates/`.

/// The Product Owner template: what `jobpost` opens with no file.
pub const PRODUCT_OWNER: &str = include_str!("../assets/templates/product-owner.md");
