//! Access extractors (see below).
