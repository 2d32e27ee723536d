# 情景推演面板：所选单元的工艺模型及参数滑块、由历史记录得到的基准与情景对比、后台优化及碳价权衡。
# 术语以 docs/glossary.md 为准。

# 选中带情景推演的单元时显示的按钮及其悬停说明（$name 为模型名称）。
whatif-button = 情景推演…
whatif-button-hover = { $name }的参数、基准与优化
whatif-title = 情景推演：{ $name }

## 基准时间窗。
whatif-baseline-window = 基准：{ $from } 至 { $to } 历史记录的平均值
whatif-window-15-min = 15 分钟
whatif-window-1-h = 1 小时
whatif-window-1-day = 1 天
whatif-rebase = 以光标时刻为基准
whatif-rebase-hint = 按所选时间窗，重新从光标之前的历史记录读取基准

## 基准值未采用实测值的原因。
whatif-note-no-setting = { $model }：模型中没有参数“{ $key }”
whatif-note-clamped = { $setting }：实测值 { $measured } { $unit } 超出模型范围，已改用 { $used }
whatif-note-no-data = { $setting }：基准时间窗内无数据，采用模型默认值 { $default } { $unit }
whatif-note-no-condition = { $model }：模型中没有工况“{ $key }”
whatif-note-condition-no-data = 工况 { $key }：基准时间窗内无数据，采用模型默认值
whatif-curves-not-used = { $error }；改用默认曲线

## 参数、优化目标与价格。
whatif-settings = 参数
whatif-reset-measured = { $value }（实测）
whatif-reset-default = { $value }（模型默认）
whatif-reset-hint = 恢复为基准值
whatif-objective = 优化目标
whatif-objective-energy = 能耗
whatif-objective-co2 = 碳排放
whatif-objective-cost = 成本
whatif-price-electricity = 电价
whatif-price-carbon = 碳价
whatif-grid-factor = 电网排放因子

## 基准与情景对比。
whatif-baseline = 基准
whatif-scenario = 情景
whatif-change = 变化
whatif-row-energy = 能耗
whatif-row-electricity = 电力
whatif-row-fuel = 燃料
whatif-row-scope-1-combustion = 范围一排放（燃烧）
whatif-row-scope-1-process = 范围一排放（过程）
whatif-row-scope-2 = 范围二排放
whatif-row-co2 = CO2 排放
whatif-row-cost = 成本
whatif-row-production = 产量
whatif-outputs = 全部输出
whatif-limits = 约束（情景）
whatif-limit-max = 上限 { $value }
whatif-limit-min = 下限 { $value }
whatif-margin = 余量 { $value }
whatif-violated = 超限 { $value }
whatif-show-in-3d = 在三维中显示情景（碳排放着色）
whatif-show-in-3d-hint = 按所致 CO2 着色：该单元的设备显示情景的 CO2，而非实测值

## 优化。
whatif-optimise = 优化
whatif-optimise-hint = 从当前情景出发，在满足全部约束的前提下寻找目标值最低的参数（在后台运行）
whatif-cancel = 取消
# $percent：最优方案的目标值比基准低多少。
whatif-optimum = 基准 { $baseline }，最优 { $optimum }（降低 { $percent } %）
# 优化时保持不变的参数。
whatif-held = 固定
whatif-apply = 用作情景
whatif-no-model = 没有模型 { $id }
whatif-worker-failed = 后台计算意外失败（{ $reason }），请报告此问题

## 成本与碳排放权衡。
whatif-tradeoff = 成本与 CO2 权衡
whatif-tradeoff-hint = 在每吨 0 至 300 的碳价下按成本优化，并绘制成本（不含碳成本）与 CO2 的关系
whatif-tradeoff-note = 各点为所标碳价（每吨 CO2）下的成本最优解。
whatif-tradeoff-x = CO2，{ $unit }
whatif-tradeoff-y = 成本，{ $unit }（不含碳成本）

## 工况条件：装置的实际条件，而非优化器可调的参数
whatif-conditions = 工况条件
whatif-conditions-hint = 装置的工况条件，站点配置指定处取自实测数据；修改后作用于基准、情景及此后的每次优化。
whatif-condition-measured = 实测
whatif-condition-site = 站点配置
whatif-condition-edited = 已修改
whatif-condition-model = 模型默认值
whatif-condition-capacity-t-d = 设计熟料产量，t/d
whatif-condition-feed-ratio = 料耗比（入窑生料/熟料），t/t
whatif-condition-coal-ncv = 入炉煤低位发热量，GJ/t
whatif-condition-exit-gas-c = 预热器出口废气温度，°C
whatif-condition-feed-c = 入窑生料温度，°C
whatif-condition-fuel-c = 燃料温度，°C
whatif-condition-ambient-c = 环境（基准）温度，°C
whatif-condition-clinker-mgo = 熟料 MgO 含量，%
whatif-condition-cao-nc = 非碳酸盐来源 CaO，%
whatif-condition-mgo-nc = 非碳酸盐来源 MgO，%
whatif-condition-ckd-kg-t = 排出系统的窑灰，kg/t 熟料
whatif-condition-ckd-calcination = 窑灰分解率，0–1
whatif-condition-coal-mill-kwh-t = 煤粉制备电耗，kWh/t 煤
whatif-condition-petcoke-mill-kwh-t = 石油焦制备电耗，kWh/t 石油焦
whatif-condition-clinker-in-c = 出窑（入篦冷机）熟料温度，°C
whatif-condition-cooler-effectiveness = 篦冷机换热有效度（出风温度接近熟料温度的程度），0–1
whatif-condition-clinker-exit-max-c = 出篦冷机熟料温度上限，°C
whatif-condition-calciner-outlet-c = 分解炉出口气体温度，°C
whatif-condition-exit-gas-kg-kg = 预热器出口废气（实测），kg/kg 熟料（0：模型值）
whatif-condition-exit-gas-cp = 废气比热，kcal/(kg·K)
whatif-condition-cooler-vent-kg-kg = 篦冷机排风（实测），kg/kg 熟料（0：模型值）
whatif-condition-cooler-vent-c = 篦冷机排风温度，°C
whatif-condition-cooler-vent-cp = 篦冷机排风比热，kcal/(kg·K)
whatif-condition-clinker-exit-c = 出篦冷机熟料温度，°C（0：模型值）
whatif-condition-clinker-cp = 熟料比热，kcal/(kg·K)
whatif-condition-formation-kcal-kg = 熟料形成热，kcal/kg（0：按 Zur Strassen 公式）
whatif-condition-other-losses-kcal-kg = 其他热损失（筒体、辐射、飞灰），kcal/kg（0：模型值）
whatif-condition-other-inputs-kcal-kg = 燃料以外的热收入，kcal/kg（0：模型值）
whatif-condition-coal-gcv-kcal-kg = 煤的高位发热量，kcal/kg（0：用低位发热量）
whatif-condition-production-target-t-h = 产量目标（熟料、原铝），t/h（0：不限）
whatif-condition-cooling-load-kw = 冷负荷（实测），kW
whatif-condition-outdoor-dry-bulb-c = 室外干球温度，°C
whatif-condition-outdoor-wet-bulb-c = 室外湿球温度，°C
whatif-condition-chillers = 冷水机组装机台数
whatif-condition-chiller-capacity-kw = 单台冷水机组制冷量，kW
whatif-condition-occupants = 设计人数，人
whatif-condition-oa-per-person-m3-h = 每人新风量，m³/h
whatif-condition-floor-area-m2 = 建筑面积，m²
whatif-condition-oa-per-area-m3-h-m2 = 每平方米新风量，m³/(h·m²)
whatif-condition-design-airflow-kg-s = 组合式空调机组设计送风量，kg/s
whatif-condition-cells = 运行电解槽数
whatif-condition-design-current-ka = 电解槽设计系列电流，kA
whatif-condition-anode-current-density = 设计阳极电流密度，A/cm²
whatif-condition-caf2-pct = 电解质中 CaF2，%
whatif-condition-mgf2-pct = 电解质中 MgF2，%
whatif-condition-kf-pct = 电解质中 KF，%
whatif-condition-lif-pct = 电解质中 LiF，%
whatif-condition-design-superheat-k = 设计点电解质过热度，K
whatif-condition-side-heat-share = 经侧部（炉帮）散失的槽热量份额，0–1
whatif-condition-ae-alumina-pct = 发生阳极效应时的氧化铝浓度，%
whatif-condition-design-ae-per-day = 设计点阳极效应系数，次/槽·日
whatif-condition-ae-duration-min = 每次阳极效应持续时间，min
whatif-condition-net-carbon-t-t = 吨铝炭阳极净耗，t C/t Al（0：模型值）
whatif-condition-anode-sulphur-pct = 焙烧阳极含硫量，%
whatif-condition-anode-ash-pct = 焙烧阳极灰分，%
whatif-condition-cf4-kg-t = CF4 排放因子，kg/t Al（0：Tier 2 斜率法）
whatif-condition-c2f6-kg-t = C2F6 排放因子，kg/t Al（0：Tier 2 比值）
whatif-condition-gwp-report = 采用的 IPCC 评估报告 GWP 值（2 SAR、4 AR4、5 AR5、6 AR6）
whatif-condition-cell-area-m2 = 单个小室有效面积，m²
whatif-condition-production-target-kg-h = 产氢目标，kg/h（0：无）
whatif-condition-rectifier-kw = 整流器额定功率，kW
whatif-condition-fit = 极化曲线拟合（1 Ulleberg 2003，PHOEBUS；2 Sánchez 2018，含压力项）

# “保存为措施”（docs/scenarios.md）：偏离基准的参数，加入站点包中的情景方案。
whatif-save = 保存为情景方案的措施
whatif-save-nothing = 将参数调离基准后，可保存为措施。
whatif-save-name = 措施
whatif-save-capex = 投资
whatif-save-lifetime = 使用寿命（年）
whatif-save-om = 每年运维费用
whatif-save-to = 情景方案
whatif-save-new-scenario = 新建情景方案
whatif-save-button = 保存措施
whatif-save-done = 已保存到 { $file }。情景方案窗口按情景方案的时间窗计算。
