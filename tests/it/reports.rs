//! reports (to be written)
