# 顶栏、厂区数据加载与问题窗口。术语以 docs/glossary.md 为准。

loading-app-name = Plant Twin 工厂数字孪生
loading-window-title = { $site } — { loading-app-name }
loading-no-site = 未打开厂区
# 厂区类型（site.toml 的 `kind`）；其他词按原样显示。
loading-site-kind =
    { $kind ->
        [cement-plant] 水泥厂
        [office-building] 办公楼
        [aluminium-smelter] 电解铝厂
       *[other] { $kind }
    }
# 数据加载时的进度条；$step 为正在读取的文件或步骤。
loading-progress = 正在加载计量数据… { $step }
# $samples 与 $secs 已格式化（1,234,567 与 2.31）。
loading-loaded = 数据已加载 — { $meters } 个计量表，{ $samples } 个样本，用时 { $secs } 秒
loading-no-problems-button = ✔ 无问题
loading-warnings-button = ⚠ { $warnings } 个警告
loading-errors-button = ⛔ { $errors } 个错误，{ $warnings } 个警告
loading-problems-button-hint = 显示或隐藏在站点包、数据及实时数据源中发现的问题
loading-problems-title = 问题
loading-no-problems = 站点包中未发现问题。
loading-cannot-start-thread = 无法启动数据加载线程：{ $error }
loading-thread-died = 数据加载意外中止（{ $reason }）；厂区将在无数据状态下显示 — 请报告此问题
loading-thread-died-silently = 数据加载意外中止；厂区将在无数据状态下显示
# 保存当前窗口的 PNG 图像（也可按 F12）。
loading-save-view = 保存视图
loading-save-view-hint = 将当前窗口保存为 PNG（F12），存入设置目录下的 screenshots 文件夹
loading-save-view-saved = 已保存 { $file }（按 F12 可再保存一张）
loading-historian-title = 历史记录在数据库中
loading-historian-text = 此站点的历史记录在时序数据库中。在您连接之前不会向其发送任何内容。
loading-historian-address = 地址
loading-historian-protocol = 协议
loading-historian-protocol-value = Prometheus 查询 API（HTTP）
loading-historian-sends = 发送内容
loading-historian-sends-value = 包含本站点 { $meters } 个计量表名称的查询，用于读取其历史样本
loading-historian-credential = 凭据来自
loading-historian-connect = 连接并加载
loading-historian-not-now = 暂不（仅文件）
loading-paged = 数据库分页读取：已缓存 { $blocks } 个数据块（{ $mb } MB）
loading-paged-loading = 正在加载光标附近的时段…
loading-paged-error = ⚠ 数据库无应答（已缓存的数据保留；正在重试）
loading-paged-hint = 缓存光标前后各 { $hours } 小时的数据；缓存容量足够时也缓存能流面板的时间窗（否则面板会提示）。异常列表、报警日志、预测和 CO2 轨迹只基于已缓存的时段；命令行（plant-twin report 等）会读取其完整时间窗（docs/historian.md）。
