# 实时数据源：确认连接窗口、状态窗口及其按钮。术语以 docs/glossary.md 为准。

live-title = 实时数据源
live-button = 实时 { $connected }/{ $total }
live-button-hint = 显示或隐藏各实时数据源的状态
live-state-connecting = 正在连接
live-state-connected = 已连接
live-state-backing-off = 出错，退避中（{ $secs } 秒后重试）
live-never = 从未
live-column-source = 数据源
live-column-state = 状态
live-column-last-good = 最近一次成功轮询
live-column-samples = 样本数
live-column-last-error = 最近一次错误
live-samples-refused = { $samples }（拒收 { $refused } 个：时间超出范围）
live-refused = 已拒收 { $count } 个迟到或无效的样本
live-queue = 通道：{ $queued } 条报告待处理，上一条延迟 { $latency_ms } 毫秒送达
live-recording = 记录器：正在记录到 { $folder }（已写入 { $files } 个文件）
live-recorder-error = 记录器：{ $error }
live-cannot-start = 无法启动实时数据源：{ $error }

## 确认连接：用户同意之前不发送任何数据

live-offer-button = 实时数据源…
live-offer-hint = 此站点包列出了实时数据源，尚未发送任何数据。点击查看。
live-consent-title = 连接此厂区的实时数据源？
live-consent-intro = { $file } 列出了以下数据源。在您确认连接之前，不会发送任何数据。
live-sends = 发送内容：{ $what }
live-consent-recorder = 记录器将把 Parquet 文件写入 { $folder }。
live-connect = 连接
live-not-now = 暂不连接
live-consent-footnote = 选择“暂不连接”将继续播放历史记录，不发送任何数据。凭据只从 PLANT_TWIN_* 环境变量读取。
live-cert-title = { $source } 的服务器证书：未受信任
live-cert-subject = 主题
live-cert-application = 应用程序 URI
live-cert-thumbprint = SHA-1 指纹
live-cert-valid = 有效期
live-cert-valid-range = { $from } 至 { $until }
live-cert-advice = 仅当指纹与服务器管理员在服务器本机上读到的指纹一致时才信任它：指纹不同的证书可能来自他人。
live-cert-trust = 信任此证书
live-cert-trusted = 已信任（{ $file }）；该数据源将在下次尝试时连接。
live-samples-from-history = 其中 { $count } 个读自服务器历史，用于补齐连接中断造成的缺口
