# 站点包（site.toml、三维模型）中的问题、问题在文件中的位置，以及计量表测量的物理量。术语以 docs/glossary.md 为准。
# 来自站点包的值（$id、$unit、$path……）和程序库的原文（$error）照原样插入。

## 问题窗口中的一条问题：“错误：/s/site.toml，第 8 行，第 3 列：……”

site-severity-error = 错误
site-severity-warning = 警告
# 关于整个文件的问题。
site-diagnostic = { $severity }：{ $file }：{ $message }
# 位于文本文件某行某列的问题。
site-diagnostic-line-col = { $severity }：{ $file }，第 { $line } 行，第 { $column } 列：{ $message }
# 位于文件中其他位置的问题（$place 为 site-place-row… 或 site-element-… 之一）。
site-diagnostic-at = { $severity }：{ $file }，{ $place }：{ $message }

## 文件中的位置

site-place-line-col = 第 { $line } 行，第 { $column } 列
site-place-row = 第 { $row } 行
site-place-row-column = 第 { $row } 行，“{ $column }”列
site-element-meter = 计量表“{ $id }”
site-element-equipment = 设备“{ $id }”
# 三维模型（glTF）中的节点。
site-element-node = 节点“{ $name }”
site-element-data = 数据文件 [[data]] path = "{ $path }"
# 各语言相同的名称，如命令行选项。
site-element-named = { $name }

## 计量表测量的物理量（$quantity 为其在 site.toml 中的名称）

# 用作标签（菜单、图例）。
site-quantity =
    { $quantity ->
        [electric_power] 电功率
        [energy] 能量
        [mass_flow] 质量流量
        [volume_flow] 体积流量
        [temperature] 温度
        [concentration] 浓度
        [pressure] 压力
        [thermal_power] 热功率
        [speed] 转速
        [voltage] 电压
        [current] 电流
        [emission_factor] 排放因子
        [reactive_power] 无功功率
        [reactive_energy] 无功电能
        [power_factor] 功率因数
        [mechanical_power] 机械功率
        [co2_mass_flow] 实测 CO2 排放速率
        [co2] 实测 CO2 排放量
       *[other] 其他
    }
# 用在句中：“单位“t/h”不能度量电功率”。
site-quantity-noun =
    { $quantity ->
        [electric_power] 电功率
        [energy] 能量
        [mass_flow] 质量流量
        [volume_flow] 体积流量
        [temperature] 温度
        [concentration] 浓度
        [pressure] 压力
        [thermal_power] 热功率
        [speed] 转速
        [voltage] 电压
        [current] 电流
        [emission_factor] 排放因子
        [reactive_power] 无功功率
        [reactive_energy] 无功电能
        [power_factor] 功率因数
        [mechanical_power] 机械功率
        [co2_mass_flow] 实测 CO2 排放速率
        [co2] 实测 CO2 排放量
       *[other] 其他物理量
    }

## 打开 site.toml

site-no-site-file = 无法读取站点文件：此文件夹中没有 site.toml
site-cannot-read = 无法读取站点文件：{ $error }
# $error 为 TOML 读取器的原文（语法错误、缺少或未知的字段）。
site-toml-invalid = site.toml 内容有误：{ $error }
site-data-file-not-found = 找不到数据文件：{ $path }
site-unknown-time-zone = 未知时区“{ $name }”（请使用 IANA 名称，如“Asia/Shanghai”）；改用 UTC
site-bad-scale = scale = { $value } 不是模型比例（每个模型单位对应的米数，毫米模型为 0.001）；改用 1
site-bad-up-axis = up_axis = "{ $value }" 既不是 "y" 也不是 "z"；改用 "y"
site-no-data-files = 没有 [[data]] 数据文件：计量表将显示无数据
# $reason：路径被拒绝的原因（site-path-…）。
site-data-path-refused = [[data]] path：{ $reason }；已略过该文件
site-model-path-refused = model：{ $reason }；厂区将不显示三维模型

## 设备、计量表、节点和能流

site-equipment-twice = 设备 ID“{ $id }”重复定义；已忽略第二个
site-meter-twice = 计量表 ID“{ $id }”重复定义；已忽略第二个
site-meter-unknown-equipment = 计量表“{ $meter }”所绑定的设备“{ $equipment }”未定义；已忽略该计量表
# $quantity 为 site-quantity-noun；$units 为该物理量的常用单位。
site-meter-unit-mismatch = 单位“{ $unit }”不能度量{ $quantity }（应为 { $units } 之一）；已忽略计量表“{ $meter }”
site-node-id-used = 能流节点 ID“{ $id }”已被使用；已忽略第二个
site-ncv-invalid = 低位发热量 ncv“{ $value }”不是正的单位质量能量（如“23.8 GJ/t”）；改用该燃料的默认值
site-ncv-unreadable = 低位发热量 ncv：{ $reason }；改用该燃料的默认值
# $field 为 biomass_share 或 green_share。
site-share-out-of-range = { $field } 须在 0 到 1 之间（是比例，不是百分数）；已忽略
site-factor-meter-not-a-factor = factor_meter“{ $meter }”测量的不是排放因子（应为 quantity = "emission_factor"）；改用年度因子
site-factor-meter-unknown = 没有计量表“{ $meter }”；改用年度因子
site-flow-end-unknown = 能流端点“{ $end }”既不是设备也不是 [[node]]；已忽略该能流
site-flow-times-unmetered = `times` 需要有计量的 `meter` 或 `value`；已忽略该能流
site-flow-times-unreadable = times：{ $reason }；已忽略该能流
site-flow-meter-and-value = 能流只能有 `meter` 或 `value` 之一，不能两者都有；已忽略该能流
site-flow-unknown-meter = 没有计量表“{ $meter }”；已忽略该能流
site-flow-formula-invalid = { $reason }；已忽略该能流

## 以文字写出的公式和量（“main.p - mill.p”、“23.8 GJ/t”）

site-formula-empty = 公式为空
site-formula-not-a-meter-id = “{ $term }”不是计量表 ID
site-formula-unknown-meter = 公式中的计量表“{ $meter }”不存在
site-formula-mixed-quantities = 无法将“{ $first }”（{ $first_quantity }）与“{ $second }”（{ $second_quantity }）合并计算
site-not-a-number = “{ $text }”不是数字
site-quantity-needs-unit = “{ $text }”须写成数值加单位，如“23.8 GJ/t”

## 核算与产品

site-unknown-gwp = 未知的全球增温潜势（GWP）值集“{ $gwp }”（请使用 SAR、AR4 或 AR5）
site-tolerance-out-of-range = 容差 { $tolerance } 须为 0 到 1 之间的比例；改用 { $default }
site-product-twice = 产品 ID“{ $id }”重复定义；已忽略第二个
site-product-amount-missing = 产品须有且只有 `meter`、`value` 或 `amount` 之一
site-product-amount-invalid = { $reason }；已忽略产品“{ $product }”
site-unknown-kpi = 未知的指标“{ $kpi }”（应为 { $known } 之一）；已忽略
site-calcination-fractions = 碳酸盐分解 calcination 中的 CaO/MgO 是 0 到 1 之间的质量分数（0.65 而非 65）；已忽略
site-calcination-at-unknown = 碳酸盐分解 calcination 的 `at`“{ $at }”不是设备；已忽略
site-anode-values = 阳极 anode：sulphur 和 ash 是质量分数（0–1），net_consumption（t C/t）须 ≥ 0；已忽略
site-anode-at-unknown = 阳极 anode 的 `at`“{ $at }”不是设备；已忽略
site-pfc-method = 全氟化碳 pfc：须给出 slope_cf4 与 ae_minutes（及 c2f6_ratio），或 cf4_per_t（及 c2f6_per_t）；已忽略
site-pfc-at-unknown = 全氟化碳 pfc 的 `at`“{ $at }”不是设备；已忽略
site-product-unit-mismatch = 单位“{ $unit }”不能度量该产品的量；已忽略
site-product-unit-invalid = { $reason }；已忽略

## 情景推演

site-whatif-unknown-equipment = 情景推演“{ $process }”：没有设备“{ $equipment }”；已忽略该情景推演
site-whatif-curves-refused = 情景推演“{ $process }”：curves：{ $reason }；改用模型的默认曲线
site-whatif-baseline-unknown-meter = 情景推演“{ $process }”：参数 { $setting } 的基准所指的计量表“{ $meter }”不存在；改用模型的默认值
site-whatif-condition-unknown-meter = 情景推演“{ $process }”：工况 { $condition } 所指的计量表“{ $meter }”不存在；改用模型的默认值

## 三维模型

site-model-not-found = 找不到模型文件；厂区将不显示三维模型
site-model-unreadable = 无法读取模型（{ $error }）；厂区将不显示三维模型
site-model-compressed = 模型网格使用 { $extension } 压缩，Plant Twin 暂不支持解码；请不使用网格压缩重新导出模型（站点将在没有三维视图的情况下打开）
site-model-unknown-equipment = extras 指明的设备“{ $equipment }”在 site.toml 中未定义
site-model-node-missing = 设备“{ $equipment }”：{ $file } 中没有 glTF 节点“{ $node }”

## 站点包所指的路径（SECURITY.md）

site-path-empty = 路径为空
site-path-absolute = “{ $path }”是绝对路径；站点包只能指向自身文件夹内的文件
site-path-parent = “{ $path }”（经由“..”）离开了站点包文件夹；站点包只能指向自身文件夹内的文件
site-path-symlink = “{ $path }”经由符号链接通向站点包文件夹之外；站点包只能指向自身文件夹内的文件
site-path-nul = “{ $path }”含有 NUL 字符
site-co2-target-bad-year = co2_target 的年份 { $year } 不是 1900 到 2200 之间的年份；已忽略该目标
site-co2-target-bad-value = co2_target 的 t_co2 = { $value } 须为大于零且不超过 10,000,000,000 的吨数；已忽略该目标
site-co2-target-twice = { $year } 年的 CO2 目标重复设置；已忽略第二个
site-whatif-check-invalid = 假设分析“{ $process }”：模型校核的计量表：{ $reason }；已忽略该模型校核

# [historian]（docs/zh-CN/historian.md）
site-historian-bad-url = 历史数据库的 url 必须以 http:// 或 https:// 开头，而不是“{ $url }”
site-historian-selector-no-meter = 历史数据库的选择器“{ $selector }”必须包含 {"{"}meter{"}"} 或 {"{"}column{"}"}，用于填入各计量表的标识或列名
site-historian-bad-time = “{ $time }”不是时间：请写成 2026-11-01 00:00（站点时区）或 2026-11-01T00:00:00+08:00
site-historian-empty-window = 历史数据库的时间窗结束早于开始
site-historian-bad-duration = “{ $duration }”不是 { $min_s } 秒到 { $max_s } 秒之间的时长（1 天请写 24h，例如“24h”“30s”）
site-historian-auth-pair = 历史数据库需要同时设置 auth_header 和 auth_env，或都不设置
site-historian-bad-cache = cache_mb 必须在 16 到 1048576（MB）之间，而不是 { $mb }

# 编辑 site.toml（crates/site/src/edit.rs）
site-edit-made-equipment = 将“{ $id }”设为设备
site-edit-bound-node = 将“{ $equipment }”绑定到节点“{ $node }”
site-edit-bound-meter = 将计量表“{ $meter }”绑定到“{ $equipment }”
site-edit-added-flow = 添加从“{ $from }”到“{ $to }”的{ $carrier }能流
site-edit-removed-flow = 删除从“{ $from }”到“{ $to }”的{ $carrier }能流
site-edit-bad-id = “{ $id }”不能作为标识：请使用字母、数字、“-”、“_”或“.”
site-edit-id-taken = 已有名为“{ $id }”的项
site-edit-no-type = 请填写设备类型（例如“pump”“rotary-kiln”）
site-edit-no-node = 请指定要绑定的模型节点
site-edit-no-equipment = 没有设备“{ $id }”
site-edit-no-meter = 没有计量表“{ $id }”
site-edit-no-item = 没有设备或能流节点“{ $id }”
site-edit-flow-to-itself = 能流不能从“{ $id }”流向自身
site-edit-no-carrier = 请填写能流的能源品种（例如“electricity”“coal”）
site-edit-no-formula = 请为能流指定计量表或公式
site-edit-flow-exists = 已有从“{ $from }”到“{ $to }”的{ $carrier }能流
site-edit-no-flow = 没有从“{ $from }”到“{ $to }”的{ $carrier }能流
site-edit-not-tables = site.toml 中的“{ $name }”不是 [[{ $name }]] 表的列表
site-edit-cannot-save = 无法保存 site.toml：{ $error }
site-edit-changed-on-disk = 打开后 site.toml 已被其他程序修改：请重新加载（此处的编辑将被丢弃），或手动另存

# 推测模型的朝向和单位（crates/site/src/orientation.rs）
site-model-looks-z-up = 模型看起来是 Z 轴向上导出的（{ $share }% 的表面朝向 Z，即楼板和屋面）：如果模型侧躺，请在 [site] 中加上 up_axis = "z"
site-model-looks-mm = 模型看起来以毫米为单位（跨度 { $extent } 个单位）：如果模型大得离谱，请在 [site] 中加上 scale = 0.001
site-model-looks-z-up-mm = 模型看起来是以毫米为单位、Z 轴向上导出的（{ $share }% 的表面朝向 Z；跨度 { $extent } 个单位）：请在 [site] 中加上 up_axis = "z" 和 scale = 0.001
