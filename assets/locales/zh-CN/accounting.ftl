# 能源与碳核算（crates/accounting）：厂区排放因子设置中的问题，以及报告的警告（报告数字未包含的内容）。节点、流、
# 产品、计量表和排放因子的编号保持原样。报告的 JSON 中警告为英文。术语以 docs/glossary.md 为准。

## site.toml 核算设置中的问题。
accounting-source-no-carrier = 源“{ $source }”设置了排放因子，但没有 `carrier`；不予核算
# $sets：因子集编号，以逗号分隔。
accounting-market-factor-unknown = market_factor“{ $factor }”不是这些因子集（{ $sets }）中的电力排放因子
accounting-factor-unknown = 源“{ $source }”的排放因子“{ $factor }”不在任何因子集（{ $sets }）中；不予核算

## 报告的警告。
# $gj 已格式化。
accounting-warning-outflows-exceed-inflows = { $node }：实测流出比流入多 { $gj } GJ；其流向 { $to } 的余量显示为 0
accounting-warning-remainder-cycle = 无法计算余量 { $from } → { $to }（余量之间存在循环）
accounting-warning-product-no-data = 产品 { $product }：时间窗内无数据
# $gwp：全球增温潜势取值集（AR4、AR5…）。
accounting-warning-no-gwp = 产品 { $product }：因子集的 { $gwp } 中没有 CF4/C2F6 的全球增温潜势值；未计入全氟化碳
accounting-warning-process-needs-mass = 产品 { $product }：计算过程排放需要以质量计的产量
# $percent 已格式化。
accounting-warning-product-coverage = 产品 { $product }：数据仅覆盖时间窗的 { $percent } %
accounting-warning-flow-no-data = 流 { $from } → { $to }：无数据
accounting-warning-flow-coverage = 流 { $from } → { $to }：数据仅覆盖时间窗的 { $percent } %
accounting-warning-factor-meter-no-data = 电网排放因子计量表 { $meter }：无数据；采用年度排放因子
accounting-warning-factor-meter-gaps = 电网排放因子计量表 { $meter }：{ $percent } % 的电量没有排放因子；这部分采用年度排放因子
accounting-warning-measured-co2 = { $meter } 的实测 CO2（{ $measured } t）与核算在 { $equipment } 计算的 { $computed } t 相差 { $difference } %
