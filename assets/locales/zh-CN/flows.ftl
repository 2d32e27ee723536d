# 能流视图：能量与 CO2 流向的桑基图面板、汇总数据及三维动态能流。术语以 docs/glossary.md 为准。

flows-title = 能流与碳流
flows-view-energy = 能流
flows-view-co2 = 碳流
flows-span-instant = 当前
flows-span-hour = 小时
flows-span-day = 日
flows-span-week = 周
flows-span-record = 全部记录
# 桑基图统计的时间窗。
flows-window-range = { $from } 至 { $to }
flows-scenario = 情景：{ $name }
flows-scenario-hint = 按情景相对基准的燃料、电力和过程 CO2 比例缩放流入情景推演单元的能流；上游能流保持实测值。上方的汇总数据保持实测值。
flows-no-flows = 此时间窗内没有可核算的能流（site.toml 中没有带计量表的 [[flow]]，或计量表无数据）。
flows-3d = 三维能流

## 桑基图上方的汇总数据。
flows-energy-total = 能耗
# 折算为标准煤的能耗及其中的电力。
flows-energy-detail = （{ $tce }，{ $electricity }）
flows-co2-total = CO2（基于位置）
flows-scopes = 范围一排放：燃烧 { $combustion } + 过程 { $process }；范围二排放：基于位置 { $location }（基于市场 { $market }）
flows-biogenic = 生物质二氧化碳（备忘项）：{ $value }
# 产品名称，后接其关键指标。
flows-product = { $name }：
flows-out-of-balance = 不平衡：{ $list }
flows-imbalance-item = { $name } { $relative } %
flows-factor-sets = 因子集：{ $list }
flows-factor-set = { $id }（{ $year }）
# 列表各项之间的分隔符。
flows-list-separator = 、
flows-copy-report = 复制报告
flows-copy-report-hint = 将此时间窗的报告复制为 Markdown（与 `plant-twin report --format md` 相同）。

## 桑基图的节点与流带。
flows-scope-1-combustion = 范围一排放（燃烧）
flows-scope-1-process = 范围一排放（过程）
flows-scope-2 = 范围二排放
flows-process-node =
    { $kind ->
        [calcination] 过程排放：碳酸盐分解（{ $product }）
        [anodes] 过程排放：阳极消耗（{ $product }）
        [pfc] 全氟化碳，以 CO2e 计（{ $product }）
       *[other] 过程排放：{ $kind }（{ $product }）
    }
# 产品量及每吨产品的过程 CO2。
flows-process-note = { $amount } × { $factor } t CO2/t
flows-imbalance = 不平衡，{ $carrier }：流入 { $inflow } { $unit }，流出 { $outflow } { $unit }（{ $relative } %）
flows-link-path = 从 { $from } 到 { $to }
flows-link-value = { $value }（{ $kind }）
flows-link-value-amount = { $value } = { $amount }（{ $kind }）
flows-share = 占 { $node } 的 { $percent } %
flows-in-out = 流入 { $inflow }，流出 { $outflow }
# 能流所载的能源品种或物料（site.toml 中的写法）；未列出的按原样显示。
flows-carrier =
    { $carrier ->
        [electricity] 电力
        [coal] 煤
        [petcoke] 石油焦
        [natural-gas] 天然气
        [gas] 燃气
        [heat] 热力
        [steam] 蒸汽
        [hot-water] 热水
        [hot-gas] 热风
        [tertiary-air] 三次风
        [exhaust-gas] 废气
        [chilled-water] 冷冻水
        [limestone] 石灰石
        [raw-meal] 生料
        [hot-meal] 热生料
        [clinker] 熟料
        [cement] 水泥
        [aluminium] 原铝液
       *[other] { $carrier }
    }

# 情景方案视图对比的差值桑基图（docs/scenarios.md）。
flows-difference = 差值：{ $a } → { $b }
flows-difference-hint = 显示 { $b } 在对比时间窗内的能流，每条能流按相对 { $a } 增加或减少着色。面板自身的时间窗不适用。
flows-difference-window = { $b } 相对 { $a }，{ $hours } 小时：
flows-difference-increase = 多于 A
flows-difference-decrease = 少于 A
flows-difference-unchanged = 不变（0.5% 以内）
flows-difference-note = { $a } → { $b }（{ $percent } %）
flows-next-day = 光标之后 24 小时（预测）：
flows-next-day-making = 正在预测…
flows-next-day-sum = { $point }（95 %：{ $lower } – { $upper }）
flows-next-day-hint = （悬停查看方法）
flows-next-day-method = 取光标之前 28 天每小时的全厂能耗与 CO2（按每小时核算），用 MSTL 分解加 ETS 趋势逐小时预测并按天求和；区间为各小时 95 % 上下限之和，比全天自身的区间宽。见 docs/forecasts.md。
flows-next-day-none = 无预测（{ $reason }）
flows-trajectory = { $year } 年 CO2：年末 { $year_end }（{ $lower } – { $upper }），目标 { $target }，{ $versus }
flows-trajectory-making = CO2 轨迹：计算中…
flows-trajectory-none = 无 CO2 轨迹：{ $reason }
flows-trajectory-to-date = 截至目前 { $to_date }（有记录 { $recorded }，占小时数 { $share } %；其余为估算）· 目标进度 { $target }
flows-trajectory-pace = 有记录小时相对目标进度 { $pace }
flows-trajectory-hint = （如何计算？）
flows-trajectory-method = 范围一加基于位置的范围二。年内无数据的小时按有记录小时的平均速率估算；此后一周用 MSTL 预测，年内其余按运行速率 { $rate }（最近四周）。区间为依据 { $days } 个完整记录日的 95 % 预测区间，不包括停产。目标来源：{ $source }。见 docs/forecasts.md“CO2 轨迹”。
flows-trajectory-target-line = 目标进度
flows-trajectory-cursor = 光标
flows-trajectory-band = 95 % 区间
flows-window-loading = 正在从数据库加载此时间窗…（全部数据到齐后才显示数值，绝不用部分数据计算）
flows-window-too-long = 此时间窗超出分页数据库缓存（{ $mb } MB）在光标附近时段之外所能容纳的范围。请选择更短的时间跨度、增大 site.toml 中 [historian] 的 cache_mb，或运行 plant-twin report --connect 读取整个时间窗。
flows-window-summing = 正在由数据库汇总此时间窗…（其长度超出分页缓存容量：各计量表在数据库中按小时求和）
flows-window-summed = 由数据库按小时汇总（{ $samples } 个采样点）
flows-window-summed-hint = 此时间窗超出分页缓存容量，因此由数据库按小时对各计量表求和（sum_over_time、count_over_time），而不传送每个采样点。每个采样点按一个采样间隔计：某计量表数据出现缺口时，逐点计算会将缺口前的最后一个值最多保持三个间隔，两者可能相差这几分钟（见 docs/historian.md）。
flows-window-sum-failed = 数据库未能汇总此时间窗：{ $error }
