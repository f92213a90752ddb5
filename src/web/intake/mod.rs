//! The intake area: the public site (office finder, fee simulator), the inquiry form, the
//! staff's inquiry inbox, tour slots and bookings, and the emails they send.

pub mod inquiries;
pub mod inquiry_form;
pub mod landing;
pub mod public;
pub mod tour_bookings;
pub mod tour_mail;
pub mod tours;

use crate::web::access::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(public::routes())
        .merge(inquiry_form::routes())
        .merge(inquiries::routes())
        .merge(tours::routes())
        .merge(tour_bookings::routes())
}
