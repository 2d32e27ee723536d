# 情景推演的工艺模型（crates/process）：各模型的名称、参数（及其范围的出处）、输出、约束，以及可能出现的错误。
# 单位、键名和模型编号保持原样。术语以 docs/glossary.md 为准。

# 各语言写法相同的单位（"t"、"kg"）。
process-unit = { $unit }

## 错误。
process-error-unknown-objective = 未知的优化目标“{ $value }”（应为 energy、co2 或 cost）
# $error：TOML 解析器的原文。
process-error-curves-syntax = 冷水机组曲线：{ $error }
process-error-curves-syntax-line = 冷水机组曲线，第 { $line } 行：{ $error }
process-error-curves-range = cop_ref { $cop_ref } 或 plr_min { $plr_min } 超出范围
process-error-curves-not-normalised = 曲线在 6.67 °C / 29.4 °C 满负荷时不接近 1（CAPFT { $cap }，EIRFT { $eir }，EIRFPLR { $plr }）：请检查系数的顺序
# $process：模型名称。
process-error-infeasible = { $process }：未找到满足全部约束的运行点；在当前工况下这些约束可能无法达到

## 水泥熟料生产线（cement-kiln）。
process-kiln-name = 水泥熟料生产线（分解炉、篦冷机）
process-kiln-setting-clinker = 熟料产量
process-kiln-setting-clinker-source = 设计产量的 60-110 %（工况条件 capacity_t_d）；适用于 600-10,000 t/d 生产线
process-kiln-setting-excess-o2 = 窑尾烟室过剩氧
process-kiln-setting-excess-o2-source = 约 1-3 %（常规做法）
process-kiln-setting-calciner-split = 分解炉燃料比例
process-kiln-setting-calciner-split-source = 示例 56 %（热平衡表）
process-kiln-setting-cooler-air = 篦冷机风量
process-kiln-setting-cooler-air-source = 约 1.7-2.5 Nm³/kg 熟料
process-kiln-setting-bypass = 旁路放风
process-kiln-setting-bypass-source = 0-15 %（Farag 2013）
process-kiln-setting-petcoke-share = 石油焦占燃料热量比例
process-kiln-setting-petcoke-share-source = 燃料结构（IEA TCEP）
process-kiln-setting-af-share = 替代燃料热量占比
process-kiln-setting-af-share-source = 替代燃料 0-30 %（IEA TCEP；CSI 协议）
process-kiln-setting-gas-share = 天然气占燃料热量比例
process-kiln-setting-gas-share-source = 燃料结构（IEA TCEP）
process-kiln-setting-clinker-cao = 熟料 CaO 含量
process-kiln-setting-clinker-cao-source = LSF 92-98（生产商产品数据）；算例 65 %
process-kiln-output-specific-heat = 熟料烧成热耗
process-kiln-output-specific-heat-kcal = 熟料烧成热耗（kcal/kg）
process-kiln-output-coal-per-clinker = 熟料烧成煤耗（全部燃料热折合为煤）
process-kiln-output-specific-heat-kgce = 熟料烧成热耗
process-kiln-output-electricity = 烧成系统电耗
process-kiln-output-fuel = 燃料热量
process-kiln-output-coal = 煤
process-kiln-output-petcoke = 石油焦
process-kiln-output-natural-gas = 天然气
process-kiln-output-combustion-co2 = 燃烧排放 CO2（化石燃料）
process-kiln-output-process-co2 = 过程排放 CO2（碳酸盐分解）
process-kiln-output-biogenic-co2 = 生物质二氧化碳（备忘项）
process-kiln-output-free-lime = 游离氧化钙（估算）
process-kiln-output-exit-gas-loss = 预热器出口废气热损失
process-kiln-output-cooler-loss = 篦冷机废气及出料熟料热损失
process-kiln-output-shell-loss = 窑筒体散热损失
process-kiln-output-thermal-efficiency = 热效率（熟料形成热 / 热输入）
process-kiln-output-formation-heat = 熟料形成热
process-kiln-output-bypass-loss = 旁路放风废气及粉尘热损失
process-kiln-output-other-loss = 其他热损失（散热、CO、蒸发）
process-kiln-output-sensible-heat-in = 生料与燃料带入显热
process-kiln-output-exit-gas-share = 预热器出口废气热损失占热输入比例
process-kiln-output-cooler-share = 篦冷机热损失占热输入比例
process-kiln-output-shell-share = 窑筒体散热损失占热输入比例
process-kiln-output-bypass-share = 旁路放风热损失占热输入比例
process-kiln-output-clinker = 熟料
process-kiln-limit-free-lime = 游离氧化钙（高于此值为欠烧）
process-kiln-limit-excess-o2 = 过剩氧（低于此值出现 CO、还原气氛煅烧）
process-kiln-limit-id-fan = 高温风机能力（烟气量相对设计值）
process-kiln-limit-production = 熟料产量目标

## 办公楼冷站（chiller-plant）。
process-chiller-name = 办公楼冷站（冷水机组、水泵、冷却塔、组合式空调机组风机）
# 冷站的产出：冷量，以 kWh 计。
process-chiller-production-unit = kWh 冷量
process-chiller-setting-chwst = 冷冻水供水温度
process-chiller-setting-chwst-source = 5-10 °C；设计值 6.67 °C（AHRI 550/590；DOE-2 曲线适用范围）
process-chiller-setting-ecwt = 冷却水进水温度
process-chiller-setting-ecwt-source = 24-35 °C；设计值 29.4 °C（AHRI 550/590）
process-chiller-setting-sat = 送风温度
process-chiller-setting-sat-source = 约 12-16 °C，带重设（ASHRAE Guideline 36 方式）
process-chiller-setting-zone-setpoint = 室内供冷设定温度
process-chiller-setting-zone-setpoint-source = 使用时段 23-26 °C（舒适区间）
process-chiller-setting-oa-ratio = 新风量与最小新风需求之比
process-chiller-setting-oa-ratio-source = 不低于需求（GB 50736-2012 表 3.0.6-1，ASHRAE 62.1）；更大值仅供研究
process-chiller-output-room-rh = 室内相对湿度
process-chiller-output-oa-load = 新风负荷
process-chiller-output-outdoor-air = 新风量
process-chiller-output-oa-fraction = 新风占送风比例
process-chiller-output-supply-airflow = 送风量
process-chiller-output-plr = 每台运行冷水机组的部分负荷率（PLR）
process-chiller-output-capft = CAPFT（温度对制冷量的修正）
process-chiller-output-eirft = EIRFT（温度对能量输入比的修正）
process-chiller-output-eirfplr = EIRFPLR（部分负荷对能量输入比的修正）
process-chiller-output-chiller-kw-per-kw = 冷水机组 kW/kW
process-chiller-output-chiller-cop = 冷水机组性能系数（COP）
process-chiller-output-chw-return = 冷冻水回水温度
process-chiller-output-chw-delta-t = 冷冻水供回水温差
process-chiller-output-chw-flow = 冷冻水流量
process-chiller-output-coil-flow-share = 盘管水流量占水泵设计流量比例
process-chiller-output-plant-kw-per-kw = 冷站 kW/kW
process-chiller-output-plant-kw-per-rt = 冷站 kW/RT
process-chiller-limit-dehumidification = 室内湿度在舒适区间内（≤ 60 % RH）
process-chiller-limit-chw-flow = 盘管水流量不超过水泵设计流量
process-chiller-output-cooling-load = 冷负荷
process-chiller-output-chillers-running = 运行冷水机组台数
process-chiller-output-chiller-power = 冷水机组功率
process-chiller-output-chw-pump-power = 冷冻水泵
process-chiller-output-cw-pump-power = 冷却水泵
process-chiller-output-tower-fan-power = 冷却塔风机
process-chiller-output-ahu-fan-power = 组合式空调机组风机
process-chiller-output-total-power = 冷站总功率
process-chiller-output-plant-cop = 冷站性能系数（COP）
process-chiller-output-tower-speed = 冷却塔风机转速
process-chiller-limit-coil-approach = 送风温度比冷冻水至少高 3 K（盘管）
process-chiller-limit-capacity = 冷水机组制冷量
process-chiller-limit-tower-speed = 冷却塔能维持冷却水设定温度
process-chiller-limit-airflow = 组合式空调机组风量不超过风机能力

## 铝电解系列（potline）。
process-potline-name = 铝电解系列（霍尔-埃鲁法，预焙阳极）
process-potline-setting-line-current = 系列电流
process-potline-setting-line-current-source = 设计电流的 90-105 %（工况条件 design_current_ka：150-600 kA 电解槽）；400 kA 时整流机组上限 420 kA
process-potline-setting-acd = 极距
process-potline-setting-acd-source = 约 4-5.2 cm（教学案例与电解槽模型）
process-potline-setting-alumina = 电解质中氧化铝浓度
process-potline-setting-alumina-source = 约 2.5 %（模型示例）
process-potline-setting-alf3 = 过剩 AlF3
process-potline-setting-alf3-source = 11 %（模型示例）
process-potline-output-cell-voltage = 槽电压
process-potline-output-bath-drop = 电解质压降
process-potline-output-bubble-drop = 气泡层压降
process-potline-output-bubble-thickness = 气泡层厚度
process-potline-output-bubble-coverage = 阳极气泡覆盖率
process-potline-output-bath-temperature = 电解温度
process-potline-output-liquidus = 电解质初晶温度
process-potline-output-ae-alumina = 阳极效应临界氧化铝浓度
process-potline-output-ae-minutes = 阳极效应持续时间
process-potline-output-side-heat = 每槽侧部散热
process-potline-output-bath-conductivity = 电解质电导率
process-potline-output-current-efficiency = 电流效率
process-potline-output-metal = 原铝产量
process-potline-output-dc-energy = 直流电耗
process-potline-output-ac-energy = 交流电耗（含辅助设备）
process-potline-output-ae-frequency = 阳极效应系数
process-potline-output-anode-co2 = 阳极 CO2
process-potline-output-pfc-co2e = 全氟化碳折合 CO2e（按工况条件 gwp_report 的 GWP）
process-potline-output-cell-heat = 单槽需散失的热量
process-potline-output-superheat = 电解质过热度
process-potline-output-cf4 = CF4（四氟化碳）
process-potline-output-c2f6 = C2F6（六氟乙烷）
process-potline-output-metal-per-pot-day = 每槽每日产铝量
process-potline-output-anode-current-density = 阳极电流密度
process-potline-limit-acd-min = 最小极距（短路、磁流体稳定性）
process-potline-limit-ae-frequency = 阳极效应系数
process-potline-limit-superheat-low = 电解质过热度下限（沉淀、凝固）
process-potline-limit-superheat-high = 电解质过热度上限（炉帮熔化）
process-potline-limit-production = 原铝产量目标

## PEM 电解槽（pem-electrolyser）。
process-pem-name = PEM 电解槽
process-pem-setting-current-density = 电流密度
process-pem-setting-current-density-source = PEM 1-3 A/cm²，负荷范围 5-130 %（IRENA 2020）
process-pem-setting-temperature = 电堆温度
process-pem-setting-temperature-source = PEM 50-80 °C（IRENA 2020）
process-pem-setting-pressure = 阴极压力
process-pem-setting-pressure-source = PEM ≤ 50 bar（IRENA 2020）
process-pem-output-cell-voltage = 小室电压
process-pem-output-faradaic-efficiency = 法拉第效率
process-pem-output-hydrogen = 产氢量
process-pem-output-stack-energy = 电堆电耗
process-pem-output-system-energy = 系统电耗（含压缩至 30 bar）
process-pem-output-lhv-efficiency = 电堆效率（低位发热量）
process-pem-output-power = 电功率
process-pem-output-co2-intensity = 单位氢气 CO2 排放（电网电力）
process-pem-limit-power = 整流机组额定功率
process-pem-limit-production = 产氢量目标

## 碱性电解槽（alkaline-electrolyser）。
process-alkaline-name = 碱性电解槽
process-alkaline-setting-current-density = 电流密度
process-alkaline-setting-current-density-source = 碱性电解额定 0.2-0.8 A/cm²，负荷范围 15-100 %（IRENA 2020）；拟合数据至 0.5
process-alkaline-setting-temperature = 电堆温度
process-alkaline-setting-temperature-source = 碱性电解 70-90 °C（IRENA 2020）；Ulleberg 拟合范围 40-80 °C
process-alkaline-setting-pressure = 阴极压力
process-alkaline-setting-pressure-source = 碱性电解 < 30 bar（IRENA 2020）；PHOEBUS 7 bar
process-alkaline-output-cell-voltage = 小室电压
process-alkaline-output-faradaic-efficiency = 法拉第效率
process-alkaline-output-hydrogen = 产氢量
process-alkaline-output-stack-energy = 电堆电耗
process-alkaline-output-stack-energy-nm3 = 电堆电耗（每标准立方米氢）
process-alkaline-output-system-energy = 系统电耗（含压缩至 30 bar）
process-alkaline-output-lhv-efficiency = 电堆效率（低位发热量）
process-alkaline-output-power = 电功率
process-alkaline-output-co2-intensity = 单位氢气 CO2 排放（电网电力）
process-alkaline-limit-power = 整流机组额定功率
process-alkaline-limit-production = 产氢量目标
