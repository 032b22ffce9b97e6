#include "FilePreviewPanel.h"

#include "ColumnMappingEditor.h"
#include "InlineMessage.h"
#include "PreviewTableModel.h"
#include "WorkerCall.h"
#include "io/ColumnGuess.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

namespace rs::ui {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QStringList toQ(const std::vector<std::string>& v) {
    QStringList out;
    out.reserve(qsizetype(v.size()));
    for (const auto& s : v)
        out.append(q(s));
    return out;
}

QString delimiterName(const std::string& d) {
    if (d == ",")
        return FilePreviewPanel::tr("comma");
    if (d == ";")
        return FilePreviewPanel::tr("semicolon");
    if (d == "\t")
        return FilePreviewPanel::tr("tab");
    if (d == "|")
        return FilePreviewPanel::tr("pipe");
    if (d == "::")
        return FilePreviewPanel::tr("double colon");
    return q(d);
}

QString encodingText(rs::TextEncoding e) {
    switch (e) {
    case rs::TextEncoding::Utf8:
        return QStringLiteral("UTF-8");
    case rs::TextEncoding::Latin1:
        return QStringLiteral("Latin-1");
    case rs::TextEncoding::Auto:
        break;
    }
    return FilePreviewPanel::tr("ASCII (UTF-8 assumed)");
}

} // namespace

FilePreviewPanel::FilePreviewPanel(Kind kind, QWidget* parent)
    : QWidget(parent), m_kind(kind), m_delimiter(new QComboBox(this)),
      m_encoding(new QComboBox(this)), m_header(new QCheckBox(tr("First row is a header"), this)),
      m_detected(new QLabel(this)), m_mapping(new ColumnMappingEditor(this)),
      m_model(new PreviewTableModel(this)), m_view(new QTableView(this)),
      m_message(new InlineMessage(this)) {
    m_delimiter->setObjectName(QStringLiteral("delimiterCombo"));
    m_delimiter->addItem(tr("Auto-detect"), QString());
    m_delimiter->addItem(tr("Comma  ,"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon  ;"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("Pipe  |"), QStringLiteral("|"));
    m_delimiter->addItem(tr("Double colon  ::"), QStringLiteral("::"));
    m_encoding->setObjectName(QStringLiteral("encodingCombo"));
    m_encoding->addItem(tr("Auto-detect"), int(rs::TextEncoding::Auto));
    m_encoding->addItem(QStringLiteral("UTF-8"), int(rs::TextEncoding::Utf8));
    m_encoding->addItem(QStringLiteral("Latin-1"), int(rs::TextEncoding::Latin1));
    m_header->setObjectName(QStringLiteral("headerCheck"));
    m_detected->setObjectName(QStringLiteral("detectedLabel"));
    m_detected->setWordWrap(true);

    if (kind == Kind::Ratings)
        m_mapping->setRoleNames(
            {tr("ignore"), tr("user"), tr("item"), tr("rating"), tr("timestamp")});
    else
        m_mapping->setRoleNames({tr("ignore"), tr("item id"), tr("title"), tr("genres")});

    m_view->setObjectName(QStringLiteral("previewTable"));
    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setDefaultSectionSize(130);
    m_view->horizontalHeader()->setStretchLastSection(true);

    auto* format = new QHBoxLayout;
    auto* delimiterLabel = new QLabel(tr("&Delimiter:"), this);
    delimiterLabel->setBuddy(m_delimiter);
    auto* encodingLabel = new QLabel(tr("&Encoding:"), this);
    encodingLabel->setBuddy(m_encoding);
    format->addWidget(delimiterLabel);
    format->addWidget(m_delimiter);
    format->addSpacing(12);
    format->addWidget(encodingLabel);
    format->addWidget(m_encoding);
    format->addSpacing(12);
    format->addWidget(m_header);
    format->addStretch(1);

    auto* mappingScroll = new QScrollArea(this);
    mappingScroll->setWidget(m_mapping);
    mappingScroll->setWidgetResizable(true);
    mappingScroll->setFrameShape(QFrame::NoFrame);
    mappingScroll->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    mappingScroll->setFixedHeight(m_mapping->fontMetrics().height() * 2 + 28);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(format);
    layout->addWidget(m_detected);
    layout->addWidget(new QLabel(tr("Column roles:"), this));
    layout->addWidget(mappingScroll);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &FilePreviewPanel::resniff);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &FilePreviewPanel::resniff);
    connect(m_header, &QCheckBox::toggled, this, [this] {
        m_headerTouched = true;
        rebuildPreview(!m_rolesTouched);
    });
    connect(m_mapping, &ColumnMappingEditor::rolesChanged, this, [this] {
        m_rolesTouched = true;
        validate();
    });
}

void FilePreviewPanel::setFile(const QString& path) {
    if (path == m_path && (m_sniffing || !m_sniff.rows.empty()))
        return;
    if (path != m_path) {
        m_headerTouched = false;
        m_rolesTouched = false;
    }
    m_path = path;
    resniff();
}

void FilePreviewPanel::resniff() {
    const quint64 generation = ++m_generation;
    m_sniffing = true;
    m_ready = false;
    m_detected->setText(tr("Reading %1…").arg(QFileInfo(m_path).fileName()));
    emit changed();
    rs::CsvDialect forced;
    forced.delimiter = m_delimiter->currentData().toString().toStdString();
    forced.encoding = rs::TextEncoding(m_encoding->currentData().toInt());
    const std::string path = m_path.toStdString();
    runInWorker(
        this, [path, forced] { return rs::sniffFile(path, 50, &forced); },
        [this, generation](const rs::SniffResult& result) {
            if (generation == m_generation)
                applySniff(result);
        });
}

void FilePreviewPanel::applySniff(const rs::SniffResult& result) {
    m_sniffing = false;
    const auto oldColumns = m_shownHeader.size();
    m_sniff = result;
    if (!result.error.empty()) {
        m_shownHeader.clear();
        m_shownRows.clear();
        m_model->clear();
        m_mapping->setColumns({}, {});
        m_detected->clear();
        m_message->showError(tr("Cannot read %1: %2").arg(m_path, q(result.error)));
        m_ready = false;
        emit changed();
        return;
    }
    if (!m_headerTouched) {
        const QSignalBlocker block(m_header);
        m_header->setChecked(result.dialect.hasHeader);
    }
    m_detected->setText(tr("Detected: %1-separated, %2, %3.")
                            .arg(delimiterName(result.dialect.delimiter),
                                 result.dialect.hasHeader ? tr("header row") : tr("no header row"),
                                 encodingText(result.dialect.encoding)));
    const bool sameShape = oldColumns == qsizetype(result.header.size());
    rebuildPreview(!m_rolesTouched || !sameShape);
}

void FilePreviewPanel::rebuildPreview(bool regessRoles) {
    if (!m_sniff.error.empty() || m_sniff.header.empty())
        return;
    // The sniffer decided about the header; the checkbox may override that decision.
    const bool wanted = m_header->isChecked();
    m_shownRows = m_sniff.rows;
    std::vector<std::string> header = m_sniff.header;
    if (m_sniff.dialect.hasHeader && !wanted) {
        m_shownRows.insert(m_shownRows.begin(), header);
        for (std::size_t c = 0; c < header.size(); ++c)
            header[c] = "column " + std::to_string(c + 1);
    } else if (!m_sniff.dialect.hasHeader && wanted && !m_shownRows.empty()) {
        const auto first = m_shownRows.front();
        m_shownRows.erase(m_shownRows.begin());
        for (std::size_t c = 0; c < header.size(); ++c)
            header[c] = c < first.size() && !first[c].empty() ? first[c]
                                                              : "column " + std::to_string(c + 1);
    }
    m_shownHeader = toQ(header);
    std::vector<QStringList> rows;
    rows.reserve(m_shownRows.size());
    for (const auto& r : m_shownRows)
        rows.push_back(toQ(r));
    m_model->setContent(m_shownHeader, rows);
    const QVector<int> roles = regessRoles || m_mapping->columnCount() != m_shownHeader.size()
                                   ? guessedRoles()
                                   : m_mapping->roles();
    if (regessRoles)
        m_rolesTouched = false;
    m_mapping->setColumns(m_shownHeader, roles);
    validate();
}

QVector<int> FilePreviewPanel::guessedRoles() const {
    QVector<int> roles(m_shownHeader.size(), 0);
    std::vector<std::string> header;
    if (m_header->isChecked())
        for (const auto& h : m_shownHeader)
            header.push_back(h.toStdString());
    auto put = [&roles](int column, int role) {
        if (column >= 0 && column < roles.size())
            roles[column] = role;
    };
    if (m_kind == Kind::Ratings) {
        const rs::RatingColumns c = rs::sniff::guessRatingColumns(header, m_shownRows);
        put(c.user, 1);
        put(c.item, 2);
        put(c.rating, 3);
        put(c.timestamp, 4);
    } else {
        const rs::ItemColumns c = rs::sniff::guessItemColumnsFrom(header, m_shownRows);
        put(c.id, 1);
        put(c.title, 2);
        put(c.genres, 3);
    }
    return roles;
}

void FilePreviewPanel::validate() {
    QStringList labels;
    const QStringList names = m_mapping->roleNames();
    for (int role : m_mapping->roles())
        labels.append(role > 0 ? names.value(role) : QString());
    m_model->setRoleLabels(labels);
    if (const QList<int> twice = m_mapping->duplicateRoles(); !twice.isEmpty()) {
        QStringList roleNames;
        for (int role : twice)
            roleNames << names.value(role);
        m_ready = false;
        m_message->showMessage(InlineMessage::Kind::Warning,
                               tr("Each role can be given to one column only: %1 is chosen more "
                                  "than once.")
                                   .arg(roleNames.join(QStringLiteral(", "))));
    } else if (m_kind == Kind::Ratings) {
        const rs::RatingColumns c = ratingColumns();
        m_ready = c.valid();
        if (!m_ready)
            m_message->showMessage(InlineMessage::Kind::Warning,
                                   tr("Choose which columns hold the user and the item ids."));
        else if (c.rating < 0)
            m_message->showInfo(tr("No rating column: the data will be imported as implicit "
                                   "feedback (every interaction counts as 1)."));
        else
            m_message->clear();
    } else {
        m_ready = itemColumns().id >= 0;
        if (!m_ready)
            m_message->showMessage(InlineMessage::Kind::Warning,
                                   tr("Choose which column holds the item id."));
        else
            m_message->clear();
    }
    emit changed();
}

rs::CsvDialect FilePreviewPanel::dialect() const {
    rs::CsvDialect d = m_sniff.dialect;
    d.hasHeader = m_header->isChecked();
    return d;
}

rs::RatingColumns FilePreviewPanel::ratingColumns() const {
    rs::RatingColumns c;
    c.user = m_mapping->columnOf(1);
    c.item = m_mapping->columnOf(2);
    c.rating = m_mapping->columnOf(3);
    c.timestamp = m_mapping->columnOf(4);
    return c;
}

rs::ItemColumns FilePreviewPanel::itemColumns() const {
    rs::ItemColumns c;
    c.id = m_mapping->columnOf(1);
    c.title = m_mapping->columnOf(2);
    c.genres = m_mapping->columnOf(3);
    return c;
}

} // namespace rs::ui
