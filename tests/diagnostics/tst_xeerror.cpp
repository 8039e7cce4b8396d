#include "SampleData.h"
#include "XeError.h"

#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;
using xrtest::readSample;

// xe failures: the real samples, the shapes xen-api's CLI prints (message + "name: value"
// lines, "Error code:" lines, client-side connection failures, xapi's log rendering),
// and hostile input.
class TestXeError final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emulatorFailedSample()
    {
        const QByteArray data = readSample("xe-error-emulator-failed__xenapi-pr-2597-after.txt");
        QVERIFY(!data.isEmpty());
        const auto r = XeError::parse(data);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->kind, XeErrorKind::Server);
        QCOMPARE(r->code, u"FAILED_TO_START_EMULATOR"_s);
        QCOMPARE(r->message, u"An emulator required to run this VM failed to start"_s);
        QCOMPARE(r->params.size(), 3);
        QCOMPARE(r->params[0], (XeErrorParam{u"vm"_s, u"76af1940-4fe9-4a09-f384-64188ebac3e5 (ubuntu-0)"_s}));
        QCOMPARE(r->param(u"name"), u"vgpu"_s);
        QCOMPARE(r->param(u"msg"), u"Daemon exited unexpectedly"_s);
        const XeObjectRef vm = XeError::parseObjectRef(r->param(u"vm"));
        QCOMPARE(vm.uuid, u"76af1940-4fe9-4a09-f384-64188ebac3e5"_s);
        QCOMPARE(vm.name, u"ubuntu-0"_s);
        QVERIFY(!r->isTransportFailure());
        QVERIFY(r->report.isClean());
    }

    void internalErrorSample()
    {
        // 2013 text: two spaces after "internal error.", unlike today's datamodel.
        const QByteArray data = readSample("xe-error-internal-error__buildroot-issue-240.txt");
        QVERIFY(!data.isEmpty());
        const auto r = XeError::parse(data);
        QVERIFY(r.ok());
        QCOMPARE(r->code, u"INTERNAL_ERROR"_s);
        QVERIFY(r->message.startsWith(u"The server failed to handle your request"));
        QCOMPARE(r->params.size(), 1);
        QCOMPARE(r->param(u"message"),
                 u"Object with type VM and id 1710022c-4f15-4f61-8461-ad1df4fd2eef/config does not exist in xenopsd"_s);
        QVERIFY(r->report.isClean());
    }

    void lostConnectionSample()
    {
        const QByteArray data = readSample("xe-error-lost-connection__xcpng-issue-228.txt");
        QVERIFY(!data.isEmpty());
        const auto r = XeError::parse(data);
        QVERIFY(r.ok());
        QCOMPARE(r->kind, XeErrorKind::LostConnection);
        QCOMPARE(r->code, u"CLI_LOST_CONNECTION"_s);
        QCOMPARE(r->message, u"Lost connection to the server."_s);
        QVERIFY(r->params.isEmpty());
        QVERIFY(r->isTransportFailure());
    }

    void badPowerStateSample()
    {
        const QByteArray data = readSample("xe-error-vm-bad-power-state__xcpng-issue-500.txt");
        QVERIFY(!data.isEmpty());
        const auto r = XeError::parse(data);
        QVERIFY(r.ok());
        QCOMPARE(r->code, u"VM_BAD_POWER_STATE"_s);
        QCOMPARE(r->params.size(), 3);
        QCOMPARE(r->param(u"vm"), u"XXXXXXXXXXXXXXXXXXXXX (vm-name)"_s);
        QCOMPARE(XeError::parseObjectRef(r->param(u"vm")).name, u"vm-name"_s);
        QCOMPARE(r->param(u"expected"), u"halted"_s);
        QCOMPARE(r->param(u"actual"), u"running"_s);
        QVERIFY(r->report.isClean());
    }

    void otherOperationLogSample()
    {
        const QByteArray data = readSample("xapi-error-other-operation-in-progress__xenapi-pr-6588-before.txt");
        QVERIFY(!data.isEmpty());
        const auto r = XeError::parse(data);
        QVERIFY(r.ok());
        QCOMPARE(r->kind, XeErrorKind::Server);
        QCOMPARE(r->code, u"OTHER_OPERATION_IN_PROGRESS"_s);
        QCOMPARE(r->params.size(), 3);
        QCOMPARE(r->param(u"class"), u"SR"_s);
        QCOMPARE(r->param(u"object"), u"OpaqueRef:d019f26a-b2e8-529b-bb66-fd4f008d4f82"_s);
        QCOMPARE(r->param(u"operation_type"), u"VDI.clone"_s);
        QVERIFY(!r->hasParam(u"operation_ref"));
        QVERIFY(r->message.startsWith(u"Another operation"));
    }

    void xmErrorSample()
    {
        const QByteArray data = readSample("xm-error__xen-commit-e5d1731c-destroy.txt");
        QVERIFY(!data.isEmpty());
        const auto r = XeError::parse(data);
        QVERIFY(r.ok());
        QCOMPARE(r->kind, XeErrorKind::Client);
        QCOMPARE(r->code, u"CLI_ERROR"_s);
        QCOMPARE(r->message, u"Error: an integer is required"_s);
    }

    void refusalsOfPowerStateReset_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("values");
        QTest::newRow("DOMAIN_EXISTS, domid unknown")
            << QByteArray("The operation could not be performed because a domain still exists for the specified VM.\n"
                          "vm: 0b1f6c3e-1c2e-4e55-8a61-5d7c9e0f1a22 (web01)\n"
                          "domid: <unknown>\n")
            << u"DOMAIN_EXISTS"_s << QStringList{u"vm"_s, u"domid"_s}
            << QStringList{u"0b1f6c3e-1c2e-4e55-8a61-5d7c9e0f1a22 (web01)"_s, u"<unknown>"_s};
        QTest::newRow("DOMAIN_EXISTS, domid known")
            << QByteArray("The operation could not be performed because a domain still exists for the specified VM.\n"
                          "vm: 0b1f6c3e-1c2e-4e55-8a61-5d7c9e0f1a22 (web01)\ndomid: 7\n")
            << u"DOMAIN_EXISTS"_s << QStringList{u"vm"_s, u"domid"_s}
            << QStringList{u"0b1f6c3e-1c2e-4e55-8a61-5d7c9e0f1a22 (web01)"_s, u"7"_s};
        QTest::newRow("HOST_IS_LIVE, today")
            << QByteArray("This operation cannot be completed because the server is still live.\n"
                          "host: 4e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001 (xcp-01)\n")
            << u"HOST_IS_LIVE"_s << QStringList{u"host"_s}
            << QStringList{u"4e1c1a5e-2a4b-4d35-9d5c-0a8ef1b3c001 (xcp-01)"_s};
        QTest::newRow("HOST_IS_LIVE, 2013 wording")
            << QByteArray("This operation cannot be completed as the host is still live.\nhost: abc (xs62)\n")
            << u"HOST_IS_LIVE"_s << QStringList{u"host"_s} << QStringList{u"abc (xs62)"_s};
        QTest::newRow("CANNOT_RESET_CONTROL_DOMAIN")
            << QByteArray(
                   "The power-state of a control domain cannot be reset.\nvm: 3f38 (Control domain on host: a)\n")
            << u"CANNOT_RESET_CONTROL_DOMAIN"_s << QStringList{u"vm"_s}
            << QStringList{u"3f38 (Control domain on host: a)"_s};
        QTest::newRow("OTHER_OPERATION_IN_PROGRESS, CLI form")
            << QByteArray("Another operation involving the object is currently in progress\n"
                          "class: VM\nobject: 5d17 (db)\noperation_type: clean_shutdown\noperation_ref: <unknown>\n")
            << u"OTHER_OPERATION_IN_PROGRESS"_s
            << QStringList{u"class"_s, u"object"_s, u"operation_type"_s, u"operation_ref"_s}
            << QStringList{u"VM"_s, u"5d17 (db)"_s, u"clean_shutdown"_s, u"<unknown>"_s};
        QTest::newRow("extra parameter")
            << QByteArray("The power-state of a control domain cannot be reset.\nvm: a\n<extra>: b\n")
            << u"CANNOT_RESET_CONTROL_DOMAIN"_s << QStringList{u"vm"_s, u"<extra>"_s} << QStringList{u"a"_s, u"b"_s};
        QTest::newRow("HOST_IS_SLAVE, space in name")
            << QByteArray("You cannot make regular API calls directly on a slave. Please pass API calls via the master "
                          "host.\nMaster IP address: 10.0.0.1\n")
            << u"HOST_IS_SLAVE"_s << QStringList{u"Master IP address"_s} << QStringList{u"10.0.0.1"_s};
        QTest::newRow("CRLF and leading blank lines")
            << QByteArray("\r\n\r\nThe power-state of a control domain cannot be reset.\r\nvm: a\r\n")
            << u"CANNOT_RESET_CONTROL_DOMAIN"_s << QStringList{u"vm"_s} << QStringList{u"a"_s};
    }

    void refusalsOfPowerStateReset()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, code);
        QFETCH(QStringList, names);
        QFETCH(QStringList, values);
        const auto r = XeError::parse(text);
        QVERIFY(r.ok());
        QCOMPARE(r->kind, XeErrorKind::Server);
        QCOMPARE(r->code, code);
        QCOMPARE(r->params.size(), names.size());
        for (qsizetype i = 0; i < names.size(); ++i) {
            QCOMPARE(r->params[i].name, names[i]);
            QCOMPARE(r->params[i].value, values[i]);
        }
        QVERIFY2(r->report.isClean(), qPrintable(r->report.summary()));
    }

    void unknownDomidIsNotADomid()
    {
        const auto r = XeError::parse("The operation could not be performed because a domain still exists for the "
                                      "specified VM.\nvm: u (n)\ndomid: <unknown>\n");
        QVERIFY(r.ok());
        QCOMPARE(r->param(u"domid"), u"<unknown>"_s);
        QVERIFY(!r->knownParam(u"domid").has_value());
        QCOMPARE(r->knownParam(u"vm"), u"u (n)"_s);
        QVERIFY(r->param(u"nothing").isNull());
    }

    void connectionFailures_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("code");
        QTest::newRow("connection refused") << QByteArray("Error: Connection refused (calling connect )\n")
                                            << int(XeErrorKind::ConnectionFailed) << u"CLI_CONNECTION_FAILED"_s;
        QTest::newRow("no such file") << QByteArray("Error: No such file or directory (calling connect )\n")
                                      << int(XeErrorKind::ConnectionFailed) << u"CLI_CONNECTION_FAILED"_s;
        QTest::newRow("unable to contact")
            << QByteArray("Unable to contact server. Please check server and port settings.\n")
            << int(XeErrorKind::CannotContact) << u"CLI_CANNOT_CONTACT"_s;
        QTest::newRow("no agent") << QByteArray("Failed to contact a running management agent.\nTry specifying a "
                                                "server name and port.\nUsage: xe [-s server] [-p port] ...\n")
                                  << int(XeErrorKind::CannotContact) << u"CLI_CANNOT_CONTACT"_s;
        QTest::newRow("host not found") << QByteArray("Host 'pool-master' not found.\n")
                                        << int(XeErrorKind::CannotContact) << u"CLI_CANNOT_CONTACT"_s;
        QTest::newRow("lost, after progress") << QByteArray("[|       ] 10%\nLost connection to the server.\n")
                                              << int(XeErrorKind::LostConnection) << u"CLI_LOST_CONNECTION"_s;
        QTest::newRow("authentication") << QByteArray("Authentication failed\nFor usage run: 'xe help'\n")
                                        << int(XeErrorKind::Authentication) << u"CLI_AUTHENTICATION"_s;
        QTest::newRow("unknown command") << QByteArray("Unknown command: vm-frobnicate\nFor usage run: 'xe help'\n")
                                         << int(XeErrorKind::Usage) << u"CLI_USAGE"_s;
    }

    void connectionFailures()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, kind);
        QFETCH(QString, code);
        const auto r = XeError::parse(text);
        QVERIFY(r.ok());
        QCOMPARE(int(r->kind), kind);
        QCOMPARE(r->code, code);
        QVERIFY(!r->report.partial);
        QCOMPARE(r->isTransportFailure(), kind == int(XeErrorKind::ConnectionFailed) ||
                                              kind == int(XeErrorKind::CannotContact) ||
                                              kind == int(XeErrorKind::LostConnection));
    }

    void connectionRefusedParameters()
    {
        const auto r = XeError::parse("Error: Connection refused (calling connect )\n");
        QVERIFY(r.ok());
        QCOMPARE(r->message, u"Error: Connection refused (calling connect )"_s);
        QCOMPARE(r->param(u"reason"), u"Connection refused"_s);
        QCOMPARE(r->param(u"function"), u"connect"_s);
        QCOMPARE(r->param(u"argument"), QString());
        QVERIFY(!r->param(u"argument").isNull());
    }

    void errorCodeLines()
    {
        // A code the CLI's own table lacks (SR backend errors carry a number).
        const auto r = XeError::parse("Error code: SR_BACKEND_FAILURE_46\n"
                                      "Error parameters: , The VDI is not available [opterr=VDI busy], \n");
        QVERIFY(r.ok());
        QCOMPARE(r->kind, XeErrorKind::Server);
        QCOMPARE(r->code, u"SR_BACKEND_FAILURE_46"_s);
        QCOMPARE(r->params.size(), 3);
        QCOMPARE(r->params[1].value, u"The VDI is not available [opterr=VDI busy]"_s);
        QVERIFY(r->params[1].name.isEmpty());

        // A known code printed this way gets the parameter names.
        const auto k = XeError::parse("Error code: HOST_IS_LIVE\nError parameters: OpaqueRef:1234\n");
        QVERIFY(k.ok());
        QCOMPARE(k->param(u"host"), u"OpaqueRef:1234"_s);
        QCOMPARE(k->message, u"This operation cannot be completed because the server is still live."_s);
    }

    void logRendering()
    {
        const auto r = XeError::parse("Caught exception: Server_error(SESSION_INVALID, [ OpaqueRef:5c2f-9a ])\n");
        QVERIFY(r.ok());
        QCOMPARE(r->code, u"SESSION_INVALID"_s);
        QCOMPARE(r->param(u"handle"), u"OpaqueRef:5c2f-9a"_s);

        const auto inlineForm = XeError::parse("task failed: DOMAIN_EXISTS: [ OpaqueRef:1; 12; extra ]\n");
        QVERIFY(inlineForm.ok());
        QCOMPARE(inlineForm->code, u"DOMAIN_EXISTS"_s);
        QCOMPARE(inlineForm->param(u"domid"), u"12"_s);
        QCOMPARE(inlineForm->params.last().name, u"<extra>"_s);

        const auto unknown = XeError::parse("NEW_FANCY_ERROR: [ a; b ]\n");
        QVERIFY(unknown.ok());
        QCOMPARE(unknown->code, u"NEW_FANCY_ERROR"_s);
        QCOMPARE(unknown->params.size(), 2);
        QVERIFY(unknown->params[0].name.isEmpty());

        const auto cut = XeError::parse("OTHER_OPERATION_IN_PROGRESS:\n[ SR; OpaqueRef:d0");
        QVERIFY(cut.ok());
        QVERIFY(cut->report.partial);
        QCOMPARE(cut->param(u"class"), u"SR"_s);
    }

    void multiLineParameterValue()
    {
        const auto r = XeError::parse("The server failed to handle your request, due to an internal error. The given "
                                      "message may give details useful for debugging the problem.\n"
                                      "message: Failure(\"first\n"
                                      "  second: line\n"
                                      "third\")\n");
        QVERIFY(r.ok());
        QCOMPARE(r->code, u"INTERNAL_ERROR"_s);
        QCOMPARE(r->params.size(), 1);
        QCOMPARE(r->param(u"message"), u"Failure(\"first\n  second: line\nthird\")"_s);
        QVERIFY(!r->report.partial);
    }

    void unknownMessageWithParameters()
    {
        const auto r = XeError::parse("Some brand new xapi refusal.\nvm: u1 (a)\nreason: because\n");
        QVERIFY(r.ok());
        QCOMPARE(r->kind, XeErrorKind::Server);
        QVERIFY(r->code.isEmpty());
        QCOMPARE(r->message, u"Some brand new xapi refusal."_s);
        QCOMPARE(r->param(u"reason"), u"because"_s);
        QVERIFY(!r->report.partial);
        QVERIFY(!r->report.issues.isEmpty());
    }

    void hostileVmNameFakesAParameter()
    {
        // A VM named "x)\nactual: halted" turns one parameter into two.
        const auto r =
            XeError::parse("You attempted an operation on a VM that was not in an appropriate power state at "
                           "the time; for example, you attempted to start a VM that was already running. "
                           "The parameters returned are the VM's handle, and the expected and actual VM "
                           "state at the time of the call.\n"
                           "vm: u1 (x\nactual: halted)\n"
                           "expected: halted\n"
                           "actual: running\n");
        QVERIFY(r.ok());
        QCOMPARE(r->code, u"VM_BAD_POWER_STATE"_s);
        QVERIFY(r->report.partial);

        const auto quotes = XeError::parse("The power-state of a control domain cannot be reset.\n"
                                           "vm: u1 (it's \"$(reboot)\" `id`)\n");
        QVERIFY(quotes.ok());
        QCOMPARE(XeError::parseObjectRef(quotes->param(u"vm")).name, u"it's \"$(reboot)\" `id`"_s);
        QVERIFY(quotes->report.isClean());
    }

    void catalogue()
    {
        QVERIFY(XeError::isKnownCode(u"DOMAIN_EXISTS"));
        QVERIFY(!XeError::isKnownCode(u"NOT_A_CODE"));
        QCOMPARE(XeError::knownParameterNames(u"VM_BAD_POWER_STATE"),
                 (QStringList{u"vm"_s, u"expected"_s, u"actual"_s}));
        QVERIFY(XeError::knownParameterNames(u"NOT_A_CODE").isEmpty());
        QCOMPARE(XeError::parseObjectRef(u"OpaqueRef:abc").uuid, u"OpaqueRef:abc"_s);
        QVERIFY(XeError::parseObjectRef(u"OpaqueRef:abc").name.isEmpty());
    }

    void unusableInput()
    {
        for (const QByteArray& text : {QByteArray(), QByteArray("\n \n")}) {
            const auto r = XeError::parse(text);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, u"empty"_s);
        }
        const auto b = XeError::parse(xrtest::binaryNoise(8192));
        QVERIFY(!b.ok());
        QCOMPARE(b.error().code, u"binary"_s);

        const auto garbage = XeError::parse("Segmentation fault\n");
        QVERIFY(garbage.ok());
        QCOMPARE(garbage->kind, XeErrorKind::Unrecognised);
        QVERIFY(garbage->report.partial);
        QCOMPARE(garbage->message, u"Segmentation fault"_s);
    }

    void invalidUtf8InAName()
    {
        QByteArray text = "The power-state of a control domain cannot be reset.\nvm: u1 (";
        text += xrtest::invalidUtf8Name();
        text += ")\n";
        const auto r = XeError::parse(text);
        QVERIFY(r.ok());
        QCOMPARE(r->code, u"CANNOT_RESET_CONTROL_DOMAIN"_s);
        QVERIFY(r->report.invalidUtf8);
        QVERIFY(r->param(u"vm").contains(QChar(QChar::ReplacementCharacter)));
    }

    void everyTruncationIsSafe()
    {
        for (const char* file :
             {"xe-error-vm-bad-power-state__xcpng-issue-500.txt", "xe-error-emulator-failed__xenapi-pr-2597-after.txt",
              "xapi-error-other-operation-in-progress__xenapi-pr-6588-before.txt"}) {
            const QByteArray data = readSample(file);
            QVERIFY(!data.isEmpty());
            for (qsizetype n = 0; n < data.size(); ++n) {
                const auto r = XeError::parse(data.left(n));
                if (r.ok())
                    QVERIFY(!r->message.isEmpty() || !r->code.isEmpty());
            }
        }
    }

    void hugeInput()
    {
        QByteArray huge = "The server failed to handle your request, due to an internal error. The given message may "
                          "give details useful for debugging the problem.\nmessage: ";
        huge += xrtest::repeatTo("backtrace line\n", 100 * 1024 * 1024);
        const auto r = XeError::parse(huge);
        QVERIFY(r.ok());
        QCOMPARE(r->code, u"INTERNAL_ERROR"_s);
        QVERIFY(r->report.partial);
        QVERIFY(r->param(u"message").size() < 2 * 1024 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestXeError)
#include "tst_xeerror.moc"
