# 单位与量纲：一个值度量的是什么，以及换算或求和为何被拒绝。术语以 docs/glossary.md 为准。单位符号（$unit）照原样插入。

# 量纲的名称（$dim 为其键名）。
units-dim = { $dim ->
    [none] 纯数
    [mass] 质量
    [time] 时间
    [temperature] 温度
    [co2] 二氧化碳质量
    [energy] 能量
    [power] 功率
    [mass_flow] 质量流量
    [volume] 体积
    [volume_flow] 体积流量
    [area] 面积
    [pressure] 压力
    [frequency] 转速或频率
    [current] 电流
    [voltage] 电压
    [reactive_power] 无功功率
    [reactive_energy] 无功电能
    [energy_per_mass] 单位质量能量
    [co2_per_energy] 单位能量二氧化碳排放
    [co2_per_mass] 单位质量二氧化碳排放
    [co2_flow] 二氧化碳流量
    [energy_per_volume] 单位体积能量
   *[other] { $dim }
}
# 没有名称的量纲：各基本单位的指数。
units-dim-exponents = 量纲 kg^{ $mass } m^{ $length } s^{ $time } K^{ $temperature } kgCO2^{ $co2 } A^{ $current } var^{ $reactive }
units-unknown = 未知单位“{ $unit }”
# $left、$right、$from、$to、$dim 为量纲名称（units-dim）。
units-cannot-add = 无法将{ $left }与{ $right }相加
units-cannot-subtract = 无法将{ $left }与{ $right }相减
units-cannot-convert = 无法将{ $from }换算为 { $unit }（{ $to }）
units-fuel-not-a-mass = 无法燃烧{ $dim }：燃料的量须为质量
units-not-an-energy = 无法对{ $dim }应用能源排放因子：该因子只适用于能量
