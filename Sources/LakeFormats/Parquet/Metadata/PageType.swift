/// The kind of a page in a column chunk (Parquet `PageType`).
public enum PageType: Int32, Sendable {
    case dataPage = 0
    case indexPage = 1
    case dictionaryPage = 2
    case dataPageV2 = 3
}
