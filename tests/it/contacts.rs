//! contacts (to be written)
