//! Portal accounts: staff invite a client or an employer contact; the person sets a
//! passphrase on the invitation link, signs in, signs out.
use crate::web::access::Routes;

pub fn routes() -> Routes {
    Routes::new()
}
