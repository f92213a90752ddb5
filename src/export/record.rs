//! A client's whole record (本人開示): filled in below.
