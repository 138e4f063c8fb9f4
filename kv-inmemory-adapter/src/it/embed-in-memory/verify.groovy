// The tests ran (a project whose tests were silently left out would pass otherwise).
def report = new File(basedir, 'target/surefire-reports/TEST-example.EmbeddedKvTest.xml')
assert report.isFile() : "no test report: ${report}"
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() == 2
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0
