# 排放因子集（assets/factors/*.toml，或站点包中的因子集文件）：无法使用的原因。术语以 docs/glossary.md 为准。
# 文件中的 ID 和单位照原样插入。

carbon-element-fuel = 燃料“{ $id }”
carbon-element-factor-set = 因子集 factor_sets“{ $id }”
# $error 为 TOML 读取器的原文。
carbon-toml-invalid = 因子集文件内容有误：{ $error }
carbon-cannot-read = 无法读取因子集：{ $error }
carbon-fuel-fractions = biomass_fraction 和 oxidation 须在 0 到 1 之间
# $want 和 $got 为量纲名称（units-dim）。
carbon-ncv-dimension = 低位发热量须为{ $want }，而“{ $unit }”是{ $got }
carbon-co2-factor-dimension = 二氧化碳排放因子须为{ $want }，而“{ $unit }”是{ $got }
# $reason：路径被拒绝的原因（site-path-…）。
carbon-factor-set-path-refused = 因子集：{ $reason }；已略过该因子集
carbon-unknown-factor-set = 未知的因子集“{ $id }”（内置因子集：{ $bundled }；或以 .toml 结尾的路径）
