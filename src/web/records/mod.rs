//! The records area: clients, their employments, 受給者証 and contracts, and the
//! 地域連携会議 held about them.

pub mod certificates;
pub mod client_moves;
pub mod clients;
pub mod contracts;
pub mod employments;
pub mod followups;
pub mod handover;
pub mod import;
pub mod meetings;
pub mod record_export;

use crate::web::access::{Policy, Routes};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/offices/{id}/clients",
            Policy::OfficeView,
            clients::list_clients,
        )
        .post(
            "/offices/{id}/clients",
            Policy::OfficeView,
            clients::create_client,
        )
        .get(
            "/offices/{id}/clients/new",
            Policy::OfficeView,
            clients::new_client,
        )
        .get("/clients/{id}", Policy::ClientFile, clients::show_client)
        .post(
            "/clients/{id}",
            Policy::ClientFileEdit,
            clients::update_client,
        )
        .get(
            "/clients/{id}/edit",
            Policy::ClientFileEdit,
            clients::edit_client,
        )
        .post(
            "/clients/{id}/employments",
            Policy::ClientFileEdit,
            employments::create_employment,
        )
        .get(
            "/clients/{id}/employments/new",
            Policy::ClientFileEdit,
            employments::new_employment,
        )
        .post(
            "/clients/{id}/employments/{eid}",
            Policy::ClientFileEdit,
            employments::update_employment,
        )
        .get(
            "/clients/{id}/employments/{eid}/edit",
            Policy::ClientFileEdit,
            employments::edit_employment,
        )
        .post(
            "/clients/{id}/certificates",
            Policy::ClientFileEdit,
            certificates::create_certificate,
        )
        .get(
            "/clients/{id}/certificates/new",
            Policy::ClientFileEdit,
            certificates::new_certificate,
        )
        .post(
            "/clients/{id}/certificates/{cid}/periods",
            Policy::ClientFileEdit,
            certificates::create_period,
        )
        .get(
            "/clients/{id}/certificates/{cid}/periods/new",
            Policy::ClientFileEdit,
            certificates::new_period,
        )
        .post(
            "/clients/{id}/contracts",
            Policy::ClientFileEdit,
            contracts::create_contract,
        )
        .get(
            "/clients/{id}/contracts/new",
            Policy::ClientFileEdit,
            contracts::new_contract,
        )
        .merge(meetings::routes())
        .merge(client_moves::routes())
        .merge(import::routes())
        .merge(record_export::routes())
        .merge(followups::routes())
        .merge(handover::routes())
}
