// The command-line tool is being assembled; see Sources/viral.
print("viral")
