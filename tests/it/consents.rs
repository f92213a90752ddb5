//! consents (to be written)
