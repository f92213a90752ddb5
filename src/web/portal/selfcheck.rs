//! (placeholder: filled by its feature's change)
use crate::web::access::Routes;

pub fn routes() -> Routes {
    Routes::new()
}
