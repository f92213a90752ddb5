//! compliance (to be written)
