# 实时数据源（crates/live）：数据源文件中的问题、数据源将发送的内容、轮询失败的原因、轮询中的问题，以及记录器的错误。
# 协议用语（HTTP、GET、PromQL、JSON pointer）、sources.toml 的设置项名称和各库自身的错误文字保持原样。
# 术语以 docs/glossary.md 为准。

## 启动数据源和记录器。
live-error-not-a-duration = “{ $text }”不是时长（{ $reason }）；请写作例如 "5s"、"500ms"、"6h"
live-error-duration-too-long = “{ $text }”超过十年
# $what：无法启动的部分。
live-error-start =
    { $what ->
        [live-runtime] 无法启动实时数据源的运行时：{ $error }
        [recorder-thread] 无法启动记录器线程：{ $error }
       *[live-thread] 无法启动实时数据源线程：{ $error }
    }
live-error-io = { $path }：{ $error }
live-error-parquet = { $path }：无法写入 Parquet 文件：{ $error }
# 程序关闭时写到终端。
live-thread-failed = plant-twin：实时数据源线程出错（{ $reason }）

## 数据源文件（sources.toml，或以 --sources 指定的文件）。
# $reason：站点包路径被拒绝的原因。
live-config-refused = { $reason }；不使用实时数据源
live-config-unreadable = 无法读取数据源文件：{ $error }
live-config-too-large = 数据源文件大于 { $megabytes } MB
# $error：TOML 解析器的原文。
live-config-invalid = 数据源文件无效：{ $error }
live-config-duplicate-id = 数据源编号“{ $source }”重复使用；忽略第二个
live-config-bad-duration = “{ $text }”不是时长（{ $reason }）；请写作例如 "5s"、"500ms"、"6h"；改用 { $default_ms } 毫秒
live-config-duration-too-long = “{ $text }”超过十年；改用 { $default_ms } 毫秒
live-config-bad-url = url“{ $url }”必须是带主机名的 http:// 或 https:// 地址；忽略数据源“{ $source }”
live-config-bad-timestamp-unit = timestamp_unit“{ $value }”不是 { $names } 之一；改用 rfc3339
live-config-not-a-pointer = 数据源“{ $source }”：{ $meter } 的“{ $pointer }”不是 JSON pointer（应以 / 开头）
live-config-unknown-kind = 未知的数据源类型“{ $kind }”（应为 http-json、prometheus、mqtt、modbus-tcp 或 opc-ua）；忽略数据源“{ $source }”
live-config-no-meters = 数据源“{ $source }”不为任何计量表提供数据（没有 meters/queries，也没有模板）
live-config-env-not-allowed = 数据源“{ $source }”：不允许使用 auth_env“{ $variable }”：凭据只能来自 PLANT_TWIN_* 环境变量（或 { $allow_env } 中列出的变量）；忽略该数据源
live-config-clear-text = 数据源“{ $source }”：凭据将以明文发送到 { $host }；请使用 https://（仅向本机可用明文 http://）；忽略该数据源
live-config-auth-pair = auth_header 与 auth_env 须同时设置（其值从环境变量读取）；不发送认证信息
live-config-unknown-meter = 数据源“{ $source }”：厂区中没有计量表“{ $meter }”；忽略该项
# $reason：文件夹被拒绝的原因。
live-config-recorder-folder = [recorder] folder：{ $reason }；不记录任何数据

## 数据源将发送的内容，供用户确认：请求，以及凭据所来自的环境变量（绝不显示其值）。
## $credential 为 "env"（请求头取自 $env）或 "none"。
live-sends-http-json =
    每 { $interval_s } 秒 GET { $url }；{ $credential ->
        [env] 请求头 { $header } = 环境变量 ${ $env } 的值
       *[none] 不发送凭据
    }
# $backfill_h：连接时回填的小时数（0：不回填）。
live-sends-prometheus =
    每 { $interval_s } 秒向 { $url } 发送 { $queries } 条 PromQL 查询{ $backfill_h ->
        [0] {""}
       *[other] ，连接时回填最近 { $backfill_h } 小时
    }；{ $credential ->
        [env] 请求头 { $header } = 环境变量 ${ $env } 的值
       *[none] 不发送凭据
    }

## 轮询失败的原因（$error：网络库的原文；$body：服务器应答的开头）。
live-poll-connect = 无法连接：{ $error }
live-poll-timeout = { $ms } 毫秒内无应答
live-poll-http = HTTP 状态码 { $code }
live-poll-http-body = HTTP 状态码 { $code }：{ $body }
live-poll-auth-unset = 环境变量 { $variable }（auth_env）未设置
live-payload-not-json = 数据格式错误：不是 JSON（{ $error }）
# $error：Prometheus 服务器的原文。
live-payload-prometheus-error = 数据格式错误：Prometheus：{ $error }
live-payload-prometheus-status = 数据格式错误：Prometheus：status 不是 "success"
live-payload-no-data = 数据格式错误：没有 data
live-payload-no-result = 数据格式错误：没有 data.result 数组
live-payload-no-values = 数据格式错误：序列没有 value(s)

## 轮询中不影响其他计量表的问题。
live-problem-timestamp-not-rfc3339 = { $pointer } 处的时间戳：“{ $text }”不是 RFC 3339 时间（{ $error }）；改用接收时间
live-problem-timestamp-not-text = { $pointer } 处的时间戳：{ $value } 不是 RFC 3339 文本；数值时间戳请将 timestamp_unit 设为 s、ms、us 或 ns；改用接收时间
live-problem-timestamp-not-in-unit = { $pointer } 处的时间戳：{ $value } 不是所设单位的时间；改用接收时间
live-problem-no-timestamp = { $pointer } 处没有时间戳；改用接收时间
live-problem-nothing-at = { $meter }：{ $pointer } 处没有数据
live-problem-not-a-number = { $meter }：{ $pointer } 处的 { $value } 不是数值
live-problem-no-series = { $meter }：查询未返回任何序列
live-problem-several-series = { $meter }：查询返回了 { $count } 个序列；使用第一个
live-problem-bad-sample = { $meter }：样本 { $sample } 不是 [time, "value"] 格式
live-problem-not-a-time = { $meter }：{ $time } 不是时间
live-problem-task-failed = 查询任务意外失败（{ $reason }）
live-problem-meter-connect = { $meter }：无法连接：{ $error }
live-problem-meter-timeout = { $meter }：{ $ms } 毫秒内无应答
live-problem-meter-http = { $meter }：HTTP 状态码 { $code }
live-problem-meter-http-body = { $meter }：HTTP 状态码 { $code }：{ $body }
live-problem-meter-auth-unset = { $meter }：环境变量 { $variable }（auth_env）未设置
live-problem-meter = { $meter }：{ $problem }
live-refused-future = 拒收 { $count } 个样本：时间比本机时钟超前 { $minutes } 分钟以上（请检查数据源的时钟和 timestamp_unit）
live-refused-past = 拒收 { $count } 个样本：早于本次实时会话的回填时间窗（请检查 timestamp_unit）
# 一次轮询的第一个问题，以及其余问题的数量。
live-problems-and-more = { $problem }（另有 { $more } 个）
live-source-stopped = 意外停止（{ $reason }）；请报告此问题

## 记录器。
live-recorder-stopped = 记录器意外停止（{ $reason }）；实时样本不再被记录
live-recorder-ended = 记录器意外停止；实时样本不再被记录
# 程序关闭时写到终端。
live-recorder-failed-at-exit = plant-twin：记录器写入最后一个文件时出错（{ $reason }）

## MQTT 数据源（crates/live/src/mqtt.rs、sparkplug.rs）。
# $topics：订阅的主题过滤器；$rebirth：可能发送 Sparkplug 重生请求时为 yes。
live-sends-mqtt =
    在 { $url } 订阅 { $topics }；{ $credential ->
        [env] 用户 { $user }，密码 = 环境变量 ${ $env } 的值
       *[none] 不发送密码
    }{ $rebirth ->
        [yes] ；丢失消息时请求边缘节点重新发布出生消息（NCMD Node Control/Rebirth）
       *[other] {""}
    }
live-config-bad-payload = payload“{ $value }”不是 { $names } 之一；忽略该数据源
live-config-bad-qos = qos { $value } 不是 0、1 或 2；忽略该数据源
live-config-sparkplug-group = 数据源“{ $source }”：Sparkplug B 数据源须给出其组（group = "…"，不含 / + #）；忽略该数据源
live-config-bad-point = 数据源“{ $source }”：计量表“{ $meter }”须有主题（JSON 时另加指针），或 Sparkplug B 的节点和指标（及设备）；忽略该条目
live-config-point-payload = 数据源“{ $source }”：计量表“{ $meter }”的读取方式与 { $payload } 数据格式不符（number：一个主题；json：主题和指针；sparkplug-b：节点和指标），或其主题不是有效的过滤器；忽略该数据源
live-mqtt-not-text = { $topic } 上的消息不是文本
live-mqtt-not-a-number = { $meter }：{ $topic } 上的消息不是数字（“{ $value }”）
live-mqtt-payload = { $topic }：{ $error }
live-mqtt-tls-file = { $file }：{ $error }
live-config-mqtt-tls-files = 数据源“{ $source }”：ca_file、client_cert 和 client_key 只用于 mqtts://，且 client_cert 须与 client_key 同时给出；忽略该数据源
live-config-file-refused = 数据源“{ $source }”：该文件被拒绝（{ $reason }）；忽略该数据源
live-mqtt-subscribe = 无法提交订阅：{ $error }
live-mqtt-refused-subscription = 代理服务器拒绝订阅 { $filters }
live-mqtt-connection = 代理服务器：{ $error }
live-sparkplug-bad-payload = { $topic }：不是 Sparkplug B 数据（{ $error }）
live-sparkplug-not-born = 边缘节点 { $node } 在出生消息之前发送了数据；已请求重生
live-sparkplug-seq-gap = 边缘节点 { $node }：序号为 { $got }，应为 { $expected }（有消息丢失）；已请求重生
live-sparkplug-unknown-alias = 边缘节点 { $node }：指标别名 { $alias } 不在其出生消息中；已请求重生
live-sparkplug-died = { $what } 已离线（死亡证明）：其 { $meters } 个计量表不再有新数据
live-sparkplug-no-value = { $meter }：指标“{ $metric }”为空或不是数字

## Modbus TCP 数据源（crates/live/src/modbus.rs）。
live-sends-modbus = 每 { $interval_s } 秒从 { $url } 读取 { $registers } 个寄存器值，共 { $requests } 次请求
live-config-bad-choice = 数据源“{ $source }”：{ $field } = "{ $value }" 不是 { $allowed } 之一；忽略该数据源
live-config-modbus-bad-register = 数据源“{ $source }”：计量表“{ $meter }”：type 须为 { $types } 之一，table 须为 holding 或 input；忽略该数据源
live-config-modbus-bad-number = 数据源“{ $source }”：计量表“{ $meter }”：scale 须为非 0 的数，offset 须为数，且数值所占寄存器须在 0–65535 之内；忽略该数据源
live-modbus-not-a-number = { $meter }：寄存器 { $address } 中不是数字
# $exception：Modbus 异常的名称和代码（“IllegalDataAddress (0x02)”）。
live-modbus-exception = 读取单元 { $unit } 的 { $table } 寄存器 { $first }–{ $last } 时设备应答 { $exception }（{ $meters }）

## OPC UA 数据源（crates/live/src/opcua.rs）。
live-sends-opcua =
    与 { $url } 建立会话（安全策略 { $policy }，{ $mode }），监视 { $nodes } 个变量；{ $credential ->
        [env] 用户 { $user }，密码 = 环境变量 ${ $env } 的值
       *[none] 匿名
    }
live-config-opcua-security = 数据源“{ $source }”：安全策略 { $policy } 与模式 { $mode } 须同为 None 或同不为 None；忽略该数据源
live-config-opcua-node = 数据源“{ $source }”：计量表“{ $meter }”：“{ $node }”不是标准形式的节点标识（ns=2;s=…、i=2258、nsu=<uri>;s=…），或其 { $error } 无效；忽略该数据源
live-opcua-bad-quality = { $meter }：数据质量差（{ $status }）；未采用
live-opcua-not-a-number = { $meter }：值不是数字（{ $value }）
live-opcua-node-refused = { $meter }：服务器拒绝了节点 { $node }（{ $status }）
live-opcua-error = OPC UA：{ $error }
live-opcua-untrusted = 服务器证书未受信任：{ $subject }，SHA-1 { $thumbprint }，有效期至 { $until }。请先与服务器上的指纹核对，再在本窗口中信任它。
live-opcua-client-refused = OPC UA：服务器拒绝了本客户端（{ $status }）；需由其管理员信任客户端证书 { $file }
live-opcua-no-endpoint = OPC UA：服务器没有安全设置为 { $policy }、{ $mode } 的端点；它提供的是：{ $offered }
live-opcua-unit-mismatch = { $meter }：节点 { $node } 的单位是 { $unit }，无法换算为该计量表的 { $meter_unit }；未采用
live-opcua-no-history = 连接中断期间的缺口无法从服务器历史中读取，涉及 { $count } 个计量表（{ $meter }：{ $status }）；这些计量表在缺口内的数据缺失
live-opcua-gap-truncated = 有 { $count } 个计量表在连接中断期间的缺口超过 { $values } 个值；其余部分缺失
live-opcua-trust-failed = 无法信任该证书：{ $error }
live-opcua-thumbprint-differs = 服务器证书的指纹是 { $thumbprint }，而不是 { $given }：未予信任
live-browse-untrusted = 服务器证书未受信任：{ $subject }，SHA-1 { $grouped }，有效期至 { $until }。请先与服务器管理员在服务器上读到的指纹核对；如需信任，请在同一命令后加上 --trust-server { $thumbprint } 再运行
live-browse-header = 由 `plant-twin browse { $url }` 生成：{ $variables } 个变量，其中 { $mapped } 个按名称对应到 { $site } 的计量表。
live-browse-check = 请逐行核对；被注释的行请手工对应（docs/live.md，“OPC UA”）。
live-browse-unmatched = 未对应到计量表：
live-opcua-not-connected = 30 秒内未能与 { $url } 建立会话
live-mqtt-rebirth = 无法请求边缘节点 { $node } 重生：{ $error }
