# 计量数据模拟器 `plant-twin-sim`：--help、消息以及在 / 提供的页面。所提供的 JSON 与 Prometheus 指标保持英文。
# 术语以 docs/glossary.md 为准。

simulator-about = 将厂区的历史计量数据作为实时数据提供（用于演示、培训和测试）：/api/values 提供 JSON，/metrics 提供 Prometheus 指标。按 Ctrl-C 停止。
simulator-help-usage = 用法:
simulator-help-heading-arguments = 参数
simulator-help-heading-options = 选项
simulator-help-default = [默认值：{ $value }]
simulator-help-help = 显示帮助
simulator-help-version = 显示版本
simulator-arg-site = 站点包文件夹（包含 site.toml）。
simulator-arg-port = TCP 端口。
simulator-arg-bind = 绑定的地址。默认仅供本机访问；使用 0.0.0.0 可供网络访问。
simulator-arg-speed = 每实际秒播放的历史记录秒数。
simulator-arg-from = 从历史记录的何处开始（ISO 8601 或本地时间 "YYYY-MM-DD HH:MM"）；默认为记录起点。
simulator-arg-no-shift = JSON 数值的时间戳使用记录时间，而非当前时间。
simulator-arg-noise = 叠加在每个数值上的高斯噪声，以相对标准差表示（0.01 = 1 %）。
simulator-arg-scenario = 培训场景（站点包中的 training/名称.toml，按名称或路径，或你自己的文件）：其中已排定的故障会叠加到所提供的数据上；除非 --from 另有指定，从场景开始时刻开始提供。
simulator-scenario = 培训场景“{ $name }”：已把 { $count } 个排定的故障叠加到所提供的数据上。
simulator-no-scenario = 站点包的 training 文件夹中没有培训场景 "{ $name }"，也没有该文件
simulator-arg-lang = 消息语言：en 或 zh-CN。默认：上次在界面语言菜单中所选的语言，否则为系统语言。

simulator-error = 错误：{ $message }
simulator-lang-unknown = --lang 的语言 "{ $value }" 无法识别（可选：{ $valid }）
simulator-lang-missing = --lang 需要一个值（可选：{ $valid }）
# 命令行用法错误；$detail 为 clap 自带的（英文）说明。
simulator-usage-error = 命令行有误：{ $detail }
simulator-more-help = 更多信息，请运行 '--help'。
simulator-bad-speed = --speed { $speed } 必须大于 0（每秒播放的记录秒数）
simulator-bad-noise = --noise { $noise } 必须是 0 到 1 之间的相对标准差
simulator-bad-from = --from "{ $value }" 不是有效时间
simulator-serving = 正在将“{ $site }”（{ $meters } 个计量表）作为实时数据提供：http://{ $addr }，/api/values（JSON）、/metrics（Prometheus）。按 Ctrl-C 停止。
# 模拟器在 / 提供的页面。
simulator-index = Plant Twin 计量数据模拟器：{ $site }（{ $meters } 个计量表），速度 { $speed }×。
simulator-index-values = 所有计量表的 JSON
simulator-index-metrics = Prometheus 指标

simulator-no-data = { $file }：没有可提供的历史数据
simulator-cannot-listen = 无法在 { $addr } 上监听：{ $error }
simulator-cannot-start =
    { $what ->
        [runtime] 无法启动模拟器运行时：{ $error }
       *[thread] 无法启动模拟器线程：{ $error }
    }
simulator-server-stopped = 服务已停止：{ $error }
simulator-thread-failed = 模拟器线程失败（{ $reason }）
simulator-not-started = 模拟器未能在 10 秒内启动
