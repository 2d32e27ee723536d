# 读取计量数据（CSV 和 Parquet 文件）：加载的步骤，以及在文件中发现的问题。术语以 docs/glossary.md 为准。
# 来自文件的值（$value、$column……）和读取器的原文（$error、$reason）照原样插入。

## 加载的步骤（进度条）

ingest-step-reading = 读取
ingest-step-parsing = 解析
ingest-step-indexing = 建立索引
ingest-step-other = { $step }

## 厂区的数据文件

# $reason：路径被拒绝的原因（site-path-…）。
ingest-data-path-refused = { $reason }；已略过该文件
# $reason：出错代码给出的信息。
ingest-reader-panicked = 读取此文件时意外失败（{ $reason }）；已略过该文件——请报告此问题
ingest-duplicate-samples = { $count } 个样本出现在多个数据文件中；保留了较后文件中的值
ingest-no-column = 没有任何数据文件含有“{ $column }”列；该计量表无数据

## 读取文件

ingest-reader-failed = 无法读取文件：读取器处理该文件时出错（{ $reason }）
ingest-cannot-read = 无法读取文件：{ $error }
ingest-cannot-open = 无法打开：{ $error }
ingest-unknown-file-type = 未知的数据文件类型“.{ $extension }”（应为 .csv 或 .parquet）
ingest-too-many-cells = 文件声称有 { $rows } 行 × { $columns } 列，超过数据文件最多 { $max } 个值的上限；请拆分（如按月）
ingest-parquet-too-short = 无法读取文件：Parquet 文件至少有 12 字节，此文件只有 { $size } 字节
ingest-parquet-no-magic = 无法读取文件：文件末尾没有 Parquet 标识“PAR1”（不是 Parquet 文件，或文件不完整）
ingest-parquet-footer-too-long = 无法读取文件：文件尾声称有 { $length } 字节，超过文件本身的 { $size } 字节
ingest-parquet-metadata-damaged = 无法读取文件：元数据已损坏（{ $error }）

## 时间戳

ingest-no-timestamp-column = 没有时间戳列“{ $column }”（现有列：{ $columns }）
ingest-timestamp-column-type = 时间戳列的类型为 { $column_type }，应为文本、整数或日期时间
ingest-timestamp-column-unreadable = 无法读取时间戳列：{ $error }
ingest-timestamp-empty = 时间戳为空
# $format：读取该文件所用的 site.toml timestamp_format。
ingest-timestamp-unreadable = 无法将“{ $value }”读作{ $format ->
    [naive-local] 本地 ISO 8601
    [day-first] 日在前（dd/mm/yyyy）
    [month-first] 月在前（mm/dd/yyyy）
    [unix-seconds] Unix 秒
    [unix-millis] Unix 毫秒
   *[iso8601] ISO 8601
}时间戳
ingest-timestamp-skipped = “{ $value }”在 { $time_zone } 不存在（时钟拨快时跳过了该时刻）
ingest-dates-ambiguous = 日期可能是日在前或月在前；已按日在前读取（可在 site.toml 中设置 timestamp_format）
ingest-timestamp-format-unknown = 无法判断“{ $value }”的时间戳格式（请在 site.toml 中设置 timestamp_format）
ingest-out-of-order = { $count } 行未按时间顺序排列；已重新排序
ingest-duplicate-timestamps = { $count } 行的时间戳与前面的行重复；保留了较后一行的值
ingest-gaps = 记录中有 { $count } 处中断，最长 { $minutes } 分钟；计量表在这些时段显示“无数据”

## 计量表的列

ingest-column-unit-mismatch = 该列的单位是“{ $unit }”，但计量表“{ $meter }”以“{ $meter_unit }”测量{ $quantity }；已略过该列
ingest-column-type = 该列的类型为 { $column_type }，应为数值；已略过该列
ingest-not-a-number = “{ $value }”不是数字；已略过该单元格
ingest-rows-skipped = { $rows } 行中有 { $rejected } 行因时间戳无法读取而被舍弃；{ $bad_rows } 行共有 { $bad_cells } 个非数值单元格，已略过

## plant-twin new：由模型和数据导出文件生成站点包。
ingest-new-no-data = 请用 --data 给出数据文件
ingest-new-no-time = 没有找到时间戳列（日期时间类型的列，或名为 timestamp、time、date 的列）
ingest-new-not-numbers = 列“{ $column }”中没有数值；已略去
ingest-new-cannot-write = 无法写入：{ $error }
ingest-new-exists = 该处已有 site.toml；请换一个新文件夹
ingest-new-glb-only = 模型必须是 .glb 或 .gltf
ingest-new-model-uri = 模型引用的文件“{ $uri }”不在其所在文件夹内（或不是相对路径），无法复制到站点包中
ingest-step-database = 从数据库读取

# plant-twin new：检测到的模型朝向和单位（crates/site/src/orientation.rs）
ingest-new-z-up = 模型看起来是 Z 轴向上导出的（{ $share }% 的表面朝向 Z，即楼板和屋面）：已在 [site] 中写入 up_axis = "z"；如果模型因此侧躺，请删除
ingest-new-mm = 模型看起来以毫米为单位（跨度 { $extent } 个单位）：已在 [site] 中写入 scale = 0.001；如果模型以米为单位，请删除
ingest-new-z-up-mm = 模型看起来是以毫米为单位、Z 轴向上导出的（{ $share }% 的表面朝向 Z；跨度 { $extent } 个单位）：已在 [site] 中写入 up_axis = "z" 和 scale = 0.001；请确认模型直立且尺寸正确
