//! The portal: the client (本人) and the employer contact (企業担当者) inside Teichaku
//! (issue 11). Staff invite them (`accounts`); a client does the daily self-check
//! (`selfcheck`), writes in the shared notebook (`notebook`) and reads and acknowledges
//! their monthly report (`reports`); an employer contact sees what the client consented to
//! share (`employer`). Access: `web::access::{ClientSelf, EmployerSelf, EmployerClient}`.

use crate::web::access::Routes;

pub mod accounts;
pub mod employer;
pub mod handover;
pub mod home;
pub mod notebook;
pub mod reports;
pub mod selfcheck;
pub mod sharing;
pub mod signin;

pub fn routes() -> Routes {
    Routes::new()
        .merge(accounts::routes())
        .merge(signin::routes())
        .merge(sharing::routes())
        .merge(home::routes())
        .merge(selfcheck::routes())
        .merge(notebook::routes())
        .merge(reports::routes())
        .merge(employer::routes())
        .merge(handover::routes())
}
