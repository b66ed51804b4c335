import ArgumentParser

SDW.main()
