# `plant-twin report --format md` 的报告，以及能流面板“复制报告”的内容（crates/accounting 的 Markdown 输出）。
# JSON 键名与 CSV 表头保持英文；数字与单位两种语言相同。术语以 docs/glossary.md 为准。

report-unknown-format = 未知的格式 "{ $value }"（json、csv 或 md）
report-title = 能耗与碳排放报告：{ $site }
# $from 与 $to 为厂区本地时间（"2026年11月2日 00:00"）；$offset 为其 UTC 偏移（"+08:00"）；$hours 已格式化。
report-window = 统计期：{ $from } 至 { $to }（UTC{ $offset }，共 { $hours } h）。全球增温潜势（GWP）取值：{ $gwp }。
report-factor-sets = 因子集：
report-factor-set = - { $id } — { $name }（{ $year }年；{ $source }）

report-energy = 能耗
# 能耗表第一列的表头。
report-col-item = 项目
report-col-value = 数值
report-col-unit = 单位
report-electricity-bought = 外购电力
report-fuel-burnt = 燃料消耗
report-heat-bought = 外购热力
# 综合能耗（GJ），以及折算为吨标准煤（tce）的同一数值。
report-total-energy = 综合能耗
report-total-tce = 综合能耗（折标准煤）

report-co2-by-scope = 分范围二氧化碳排放（t）
report-col-scope = 范围
report-scope1-combustion = 范围一排放：燃烧排放
report-scope1-process = 范围一排放：过程排放
report-process-calcination = — 碳酸盐分解
report-process-anodes = — 阳极
report-process-pfc = — 全氟化碳（折二氧化碳当量）
report-scope1 = 范围一排放
report-scope2-location = 范围二排放（基于位置）
report-scope2-market = 范围二排放（基于市场）
report-total-location = 合计（基于位置）
report-total-market = 合计（基于市场）
report-biogenic = 生物质二氧化碳（备忘项，不计入范围一）

report-by-carrier = 按能源品种
report-col-carrier = 能源品种
report-col-bought = 购入量
report-col-energy = 能量（GJ）
report-col-factor = 排放因子（因子集）
# site.toml 中能源品种的 id；未列出的 id 按原样显示。
report-carrier =
    { $carrier ->
        [electricity] 电力
        [heat] 热力
        [coal] 煤
        [natural-gas] 天然气
        [steam] 蒸汽
        [hot-water] 热水
        [chilled-water] 冷冻水
        [wood] 木材（生物质）
        [limestone] 石灰石
        [raw-meal] 生料
        [hot-meal] 热生料
        [clinker] 熟料
        [cement] 水泥
        [aluminium] 原铝液
        [exhaust-gas] 废气
        [tertiary-air] 三次风
       *[other] { $carrier }
    }

report-per-product = 单位产品能耗与排放
report-product-outside = { $product }：单位产品指标不含 { $nodes }（位于其下游、用于生产其他产品）。
report-col-product = 产品
report-col-amount = 数量
report-col-figure = 指标
# 按 site.toml 中 `kpis` 的键显示指标名称；$name 为未列出的键在核算中的名称。
report-kpi =
    { $key ->
        [fuel] 燃料与热力消耗
        [electricity] 电耗
        [energy] 单位产品综合能耗（当量值）
        [co2] 二氧化碳排放，范围一 + 范围二（基于位置）
        [process-co2] 过程排放
        [process-co2e] 过程排放（二氧化碳当量，含全氟化碳）
       *[other] { $name }
    }

report-by-node = 按节点
report-col-node = 节点
report-col-electricity = 电力（MWh）
report-col-fuel = 燃料（GJ）
report-col-heat = 热力（GJ）

report-balance = 平衡校核
report-balanced = 所有计量了输入与输出的节点均在允许偏差内平衡。
report-col-quantity = 项目
report-col-in = 输入
report-col-out = 输出
report-col-relative = (输入 − 输出)/较大值
# 不平衡项：能源品种或物料（同 report-carrier）及所比较的量。
report-quantity =
    { $dimension ->
        [energy] { $carrier }（能量）
        [mass] { $carrier }（质量）
       *[volume] { $carrier }（体积）
    }

report-warnings = 警告
report-measured-co2 = 实测 CO2 与核算值对照（不计入合计）
report-col-meter = 计量表
report-col-measured = 实测，t CO2
report-col-computed = 核算范围一，t CO2
trajectory-no-recorded-hours = { $year } 年在光标之前没有记录的小时：无法推算全年 CO2
trajectory-bad-year = { $year } 年在站点时区中没有起止时间
report-col-note = 说明
report-trajectory = { $year } 年 CO2 轨迹（目标 { $target } t CO2）
report-trajectory-source = 目标来源：{ $source }
report-trajectory-recorded = 有记录：已过 { $elapsed } h 中的 { $hours } h
report-trajectory-pace = { $pace }（相对同期目标进度）
report-trajectory-estimated = 估算：无数据的 { $hours } h
report-trajectory-estimated-note = 按有记录小时的平均速率
report-trajectory-to-date = 截至 { $at }
report-trajectory-target-to-date = 目标进度：{ $target } t CO2
report-trajectory-forecast = 预测：此后 { $hours } h
report-trajectory-forecast-note = MSTL 加 ETS 趋势，逐小时，依据此前四周
report-trajectory-no-forecast = 无法预测（{ $reason }）：按运行速率（见下一行）
report-trajectory-rest = 年内其余：{ $hours } h
report-trajectory-run-rate = 按运行速率 { $rate } t CO2/h（最近四周有记录的小时）
report-trajectory-year-end = 年末
report-trajectory-band = 95 % 区间 { $lower }–{ $upper }，依据 { $days } 个完整日；相对目标 { $versus }
report-trajectory-method = CO2 为范围一加基于位置的范围二。区间为估算及预测日按有记录日同样分布时的预测区间；不包括停产或产品结构变化（docs/forecasts.md“CO2 轨迹”）。
trajectory-part-recorded = 有记录
trajectory-part-estimated = 估算（无数据）
trajectory-part-forecast = 预测
trajectory-part-run-rate = 按运行速率
report-trajectory-run-rate-all = 按 { $rate } t CO2/h，即全年所有有记录小时的平均（最近四周无记录）
report-trajectory-no-band = 无区间：完整记录日仅 { $days } 个（至少需 2 个），年末值仅依据少数小时；相对目标 { $versus }
