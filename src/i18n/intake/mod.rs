//! Messages of the intake area: the public site, the inquiry form and inbox, tours, and the emails they send.

pub mod email;
pub mod inquiries;
pub mod public;
pub mod tours;
