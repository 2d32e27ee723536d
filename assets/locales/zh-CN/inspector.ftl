# 设备树与所选设备的检查器。术语以 docs/glossary.md 为准。

inspector-equipment = 设备
inspector-search-hint = 搜索名称、编号、类型或计量表…
inspector-not-in-model = 不在三维模型中
inspector-no-match = 没有匹配项。
inspector-frame = ⛶ 在视图中定位
inspector-meters = 计量表
inspector-no-meters = 此设备未绑定计量表。
inspector-chart-window = 图表时间窗
inspector-forecast = 预测
inspector-forecast-hover = 在光标之后显示各计量表的预测，基于光标之前 4 周的数据（小时均值；MSTL 分解加 ETS 趋势）：虚线为预测值，色带为 95 % 预测区间。在后台计算；plant-twin forecast 以表格给出。
inspector-forecast-pending = 正在预测…
inspector-forecast-none = 无预测：{ $reason }
inspector-window-hours = ±{ $hours } 小时
inspector-window-days = ±{ $days } 天
inspector-type = 类型
inspector-id = 编号
inspector-area = 区域
inspector-node = glTF 节点
inspector-mesh = glTF 网格
# 计量表编号、它读取的数据文件列及单位。
inspector-meter-hover = { $id } · 数据列“{ $column }” · { $unit }

## 计量表在光标时刻没有当前值时的读数。
inspector-reading-gap = 无数据（数据中断）；最后值 { $last }
inspector-reading-before-start = 无数据（记录开始之前）
inspector-reading-stale = 数据已过期：最后值 { $last }
inspector-reading-no-column = 无数据（数据文件中无此列）
# 设备类型（site.toml 的 `type`），用于设备详情；其他词按原样显示。
inspector-equipment-type =
    { $kind ->
        [rotary-kiln] 回转窑
        [calciner] 分解炉
        [cyclone-preheater] 旋风预热器
        [grate-cooler] 篦冷机
        [vertical-roller-mill] 立磨
        [ball-mill] 球磨机
        [crusher] 破碎机
        [stockpile] 堆场
        [belt-conveyor] 带式输送机
        [pan-conveyor] 链斗输送机
        [silo] 库
        [bag-filter] 袋式除尘器
        [fan] 风机
        [compressor] 空压机
        [substation] 变电站
        [switchboard] 配电柜
        [centrifugal-chiller] 离心式冷水机组
        [cooling-tower] 冷却塔
        [pump-set] 水泵组
        [header] 分集水器
        [weather-station] 气象站
        [office-floor] 办公楼层
        [air-handling-unit] 组合式空调机组
        [reduction-cell] 电解槽
        [potline] 电解系列
        [rectifier] 整流机组
        [fume-treatment] 烟气净化
        [casthouse] 铸造车间
        [anode-baking-furnace] 阳极焙烧炉
       *[other] { $kind }
    }
inspector-reading-loading = 加载中…
inspector-chart-loading = 曲线：正在向数据库请求缓存时段以外的时间窗…
inspector-chart-failed = 数据库未能提供曲线的时间窗：{ $error }
