//! Access reports (Art. 15) and portability scope (Art. 20) (placeholder).
