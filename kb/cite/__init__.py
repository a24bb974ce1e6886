"""Legal-review tools for 重大执法决定法制审核: citation check, old→new concordance, version diff,
citation builder."""
