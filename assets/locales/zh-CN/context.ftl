# 各视图共用：物理量与能源品种名称、日期。术语以 docs/glossary.md 为准。

## 计量表测量的物理量（图例、着色菜单、详情面板）

context-quantity-electric-power = 电功率
context-quantity-energy = 能量
context-quantity-mass-flow = 质量流量
context-quantity-volume-flow = 体积流量
context-quantity-temperature = 温度
context-quantity-concentration = 浓度
context-quantity-pressure = 压力
context-quantity-thermal-power = 热功率
context-quantity-speed = 转速
context-quantity-voltage = 电压
context-quantity-current = 电流
context-quantity-emission-factor = 排放因子
context-quantity-reactive-power = 无功功率
context-quantity-reactive-energy = 无功电能
context-quantity-power-factor = 功率因数
context-quantity-mechanical-power = 机械功率
context-quantity-co2-mass-flow = 实测 CO2 排放速率
context-quantity-co2 = 实测 CO2 排放量
context-quantity-other = 其他

## 能源品种与物料（按 site.toml 中的标识）；未列出的标识按原样显示。

context-carrier =
    { $carrier ->
        [electricity] 电力
        [coal] 煤
        [petcoke] 石油焦
        [natural-gas] 天然气
        [gas] 燃气
        [diesel] 柴油
        [fuel-oil] 燃料油
        [heat] 热力
        [steam] 蒸汽
        [hot-water] 热水
        [chilled-water] 冷冻水
        [hot-gas] 热烟气
        [exhaust-gas] 废气
        [tertiary-air] 三次风
        [compressed-air] 压缩空气
        [wood] 木材
        [limestone] 石灰石
        [raw-meal] 生料
        [hot-meal] 热生料
        [clinker] 熟料
        [cement] 水泥
        [aluminium] 原铝液
       *[other] { $carrier }
    }

## 日期：星期（1 周一 … 7 周日）与月份（1 … 12），用于短标签

context-weekday =
    { $weekday ->
        [1] 周一
        [2] 周二
        [3] 周三
        [4] 周四
        [5] 周五
        [6] 周六
       *[7] 周日
    }
context-month = { $month }月
# 11月10日
context-day-month = { $month_name }{ $day }日
# 11月10日 周二
context-weekday-day-month = { $month_name }{ $day }日 { $weekday }
context-copy-path = 复制路径
context-export-failed = 无法导出：{ $error }
